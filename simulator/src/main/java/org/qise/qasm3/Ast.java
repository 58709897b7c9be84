package org.qise.qasm3;

import java.util.List;

/**
 * The syntax tree of an OpenQASM 3 program, as the parser reads it. Every node keeps the
 * position of its first token for error messages; {@link Printer} writes a tree back as text.
 */
final class Ast {
    private Ast() {}

    /** A 1-based source position. */
    record Pos(int line, int column) {}

    // ---- types ----

    /** A classical scalar type: {@code int[32]}, {@code uint}, {@code float[64]}, {@code bool}, {@code bit[n]}. */
    record Type(String name, Expr width, Pos pos) {}

    // ---- expressions ----

    sealed interface Expr { Pos pos(); }

    record IntLit(long value, Pos pos) implements Expr {}

    record FloatLit(double value, String text, Pos pos) implements Expr {}

    record BoolLit(boolean value, Pos pos) implements Expr {}

    /** A bit-string literal such as {@code "0101"} (highest bit first). */
    record BitString(String bits, Pos pos) implements Expr {}

    record Ident(String name, Pos pos) implements Expr {}

    record HwQubit(int index, Pos pos) implements Expr {}

    /** {@code target[i]}, {@code target[a:b:c]} or {@code target[{1, 3}]}. */
    record Index(Expr target, Expr index, Pos pos) implements Expr {}

    /** {@code start:step:end}, any part optional (null). Ends are inclusive. */
    record Range(Expr start, Expr step, Expr end, Pos pos) implements Expr {}

    /** {@code {a, b, c}}: an index set or a for-loop set. */
    record SetLit(List<Expr> items, Pos pos) implements Expr {}

    record Unary(String op, Expr operand, Pos pos) implements Expr {}

    record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

    record Call(String name, List<Expr> args, Pos pos) implements Expr {}

    record Cast(Type type, Expr operand, Pos pos) implements Expr {}

    /** {@code measure q} used as a value. */
    record MeasureExpr(Expr operand, Pos pos) implements Expr {}

    /** {@code a ++ b}: register concatenation. */
    record Concat(List<Expr> parts, Pos pos) implements Expr {}

    // ---- statements ----

    sealed interface Stmt { Pos pos(); }

    record QubitDecl(String name, Expr size, Pos pos) implements Stmt {}

    /** A classical declaration; {@code io} is "input", "output" or null. */
    record VarDecl(Type type, String name, Expr init, boolean isConst, String io, Pos pos) implements Stmt {}

    record Let(String name, Expr value, Pos pos) implements Stmt {}

    record GateDef(String name, List<String> params, List<String> qubits, List<Stmt> body, Pos pos) implements Stmt {}

    /** {@code ctrl @}, {@code negctrl(2) @}, {@code inv @}, {@code pow(k) @}: arg may be null. */
    record Modifier(String kind, Expr arg, Pos pos) {}

    record GateCall(List<Modifier> modifiers, String name, List<Expr> params, List<Expr> operands, Pos pos) implements Stmt {}

    /** {@code measure q -> c;}, {@code c = measure q;} (target) or {@code measure q;} (target null). */
    record Measure(Expr operand, Expr target, Pos pos) implements Stmt {}

    record Reset(Expr operand, Pos pos) implements Stmt {}

    record Barrier(List<Expr> operands, Pos pos) implements Stmt {}

    /** {@code target op= value}; op is "=" or a compound operator such as "+=". */
    record Assign(Expr target, String op, Expr value, Pos pos) implements Stmt {}

    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Pos pos) implements Stmt {}

    /** {@code for type var in iterable}: a Range, a SetLit or a register expression. */
    record For(Type type, String var, Expr iterable, List<Stmt> body, Pos pos) implements Stmt {}

    record While(Expr condition, List<Stmt> body, Pos pos) implements Stmt {}

    record Break(Pos pos) implements Stmt {}

    record Continue(Pos pos) implements Stmt {}

    record Case(List<Expr> values, List<Stmt> body, Pos pos) {}

    record Switch(Expr subject, List<Case> cases, List<Stmt> otherwise, Pos pos) implements Stmt {}

    /** {@code delay}, {@code box}, {@code stretch}: identity on an ideal simulator. */
    record Timing(String what, List<Stmt> body, Pos pos) implements Stmt {}

    /** A subroutine: parameters are (type or null for qubit, name, qubit size or null). */
    record Param(Type type, boolean qubit, Expr size, String name) {}

    record Def(String name, List<Param> params, Type returns, List<Stmt> body, Pos pos) implements Stmt {}

    record Return(Expr value, Pos pos) implements Stmt {}

    /** A subroutine call used as a statement. */
    record ExprStmt(Expr expr, Pos pos) implements Stmt {}

    /** {@code end;}: stops the program (the shot). */
    record End(Pos pos) implements Stmt {}

    record Block(List<Stmt> body, Pos pos) implements Stmt {}
}
