package org.qise.qasm3;

import java.util.List;
import java.util.Map;
import org.qise.qasm3.Ast.*;

/**
 * Writes syntax trees back as OpenQASM 3 text in one canonical layout: binary operations fully
 * parenthesised (so the text reads back to the same tree), four-space indentation, one
 * statement per line. Used for the dynamic part of exported circuits.
 */
final class Printer {
    private final StringBuilder out = new StringBuilder();
    private final Map<Stmt, Object> registers;
    private final Map<String, Double> inputs;

    private Printer(Map<Stmt, Object> registers, Map<String, Double> inputs) {
        this.registers = registers;
        this.inputs = inputs;
    }

    /** A double as a literal that reads back to exactly the same value. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException("the value " + v + " cannot be written in OpenQASM");
        if (v == 0 && 1 / v < 0) return "-0.0"; // negative zero reads back as -(0.0)
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return (long) v + ".0";
        return Double.toString(v);
    }

    /** The text of a dynamic block: its variables, aliases, gates and subroutines, then its statements. */
    static String block(Qasm3Block b) {
        Printer p = new Printer(b.allocated, b.inputs);
        for (Map.Entry<String, Object> e : b.globals.syms.entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case Interpreter.Var v when v.symbol != null -> { } // a circuit parameter: the exporter declares it as an input
                case Interpreter.Var v -> p.line(0, (v.isConst ? "const " : "") + typeName(v.type, v.width) + " " + name + " = " + v.value.literal() + ";");
                case GateDef g -> p.stmt(g, 0, true);
                case Def d -> p.stmt(d, 0, true);
                case Interpreter.QReg q -> {
                    Expr alias = b.globals.aliases.get(name);
                    if (alias != null) p.line(0, "let " + name + " = " + expr(alias) + ";");
                }
                default -> { }
            }
        }
        for (Stmt s : b.statements) p.stmt(s, 0, true);
        return p.out.toString();
    }

    /** The text of one gate definition. */
    static String definition(GateDef g) {
        Printer p = new Printer(Map.of(), Map.of());
        p.stmt(g, 0, true);
        return p.out.toString();
    }

    static String typeName(String type, int width) {
        return switch (type) {
            case "bool" -> "bool";
            case "bit" -> width <= 1 ? "bit" : "bit[" + width + "]";
            default -> width == 0 ? (type.equals("float") ? "float[64]" : type) : type + "[" + width + "]";
        };
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void body(List<Stmt> body, int indent) {
        for (Stmt s : body) stmt(s, indent, false);
    }

    private void stmt(Stmt s, int indent, boolean top) {
        switch (s) {
            case QubitDecl d -> {
                if (!(top && registers.containsKey(d))) line(indent, "qubit" + (d.size() == null ? "" : "[" + expr(d.size()) + "]") + " " + d.name() + ";");
            }
            case VarDecl d -> {
                if (top && registers.containsKey(d)) { // a circuit register: the exporter declares it
                    if (d.init() != null) line(indent, d.name() + " = " + expr(d.init()) + ";");
                    return;
                }
                if ("input".equals(d.io()) && inputs.containsKey(d.name())) { // the bound value makes the text self-contained
                    line(indent, "const " + type(d.type()) + " " + d.name() + " = " + number(inputs.get(d.name())) + ";");
                    return;
                }
                String prefix = d.isConst() ? "const " : d.io() != null ? d.io() + " " : "";
                line(indent, prefix + type(d.type()) + " " + d.name() + (d.init() == null ? "" : " = " + expr(d.init())) + ";");
            }
            case Let l -> line(indent, "let " + l.name() + " = " + expr(l.value()) + ";");
            case GateDef g -> {
                line(indent, "gate " + g.name() + (g.params().isEmpty() ? "" : "(" + String.join(", ", g.params()) + ")")
                        + " " + String.join(", ", g.qubits()) + " {");
                body(g.body(), indent + 1);
                line(indent, "}");
            }
            case Def d -> {
                StringBuilder sig = new StringBuilder("def " + d.name() + "(");
                for (int k = 0; k < d.params().size(); k++) {
                    Param p = d.params().get(k);
                    if (k > 0) sig.append(", ");
                    if (p.qubit()) sig.append("qubit").append(p.size() == null ? "" : "[" + expr(p.size()) + "]");
                    else sig.append(type(p.type()));
                    sig.append(' ').append(p.name());
                }
                sig.append(')');
                if (d.returns() != null) sig.append(" -> ").append(type(d.returns()));
                line(indent, sig + " {");
                body(d.body(), indent + 1);
                line(indent, "}");
            }
            case GateCall c -> {
                StringBuilder sb = new StringBuilder();
                for (Modifier m : c.modifiers()) sb.append(m.kind()).append(m.arg() == null ? "" : "(" + expr(m.arg()) + ")").append(" @ ");
                sb.append(c.name());
                if (!c.params().isEmpty()) sb.append('(').append(list(c.params())).append(')');
                if (!c.operands().isEmpty()) sb.append(' ').append(list(c.operands()));
                line(indent, sb + ";");
            }
            case Measure m -> {
                if (m.target() == null) line(indent, "measure " + expr(m.operand()) + ";");
                else line(indent, expr(m.target()) + " = measure " + expr(m.operand()) + ";");
            }
            case Reset r -> line(indent, "reset " + expr(r.operand()) + ";");
            case Barrier b -> line(indent, "barrier" + (b.operands().isEmpty() ? "" : " " + list(b.operands())) + ";");
            case Assign a -> line(indent, expr(a.target()) + " " + a.op() + " " + expr(a.value()) + ";");
            case If f -> {
                line(indent, "if (" + expr(f.condition()) + ") {");
                body(f.then(), indent + 1);
                if (f.otherwise() != null) {
                    line(indent, "} else {");
                    body(f.otherwise(), indent + 1);
                }
                line(indent, "}");
            }
            case For f -> {
                String it = f.iterable() instanceof Range r ? "[" + expr(r) + "]" : expr(f.iterable());
                line(indent, "for " + (f.type() == null ? "int" : type(f.type())) + " " + f.var() + " in " + it + " {");
                body(f.body(), indent + 1);
                line(indent, "}");
            }
            case While w -> {
                line(indent, "while (" + expr(w.condition()) + ") {");
                body(w.body(), indent + 1);
                line(indent, "}");
            }
            case Break b -> line(indent, "break;");
            case Continue c -> line(indent, "continue;");
            case Switch sw -> {
                line(indent, "switch (" + expr(sw.subject()) + ") {");
                for (Case c : sw.cases()) {
                    line(indent + 1, "case " + list(c.values()) + " {");
                    body(c.body(), indent + 2);
                    line(indent + 1, "}");
                }
                if (sw.otherwise() != null) {
                    line(indent + 1, "default {");
                    body(sw.otherwise(), indent + 2);
                    line(indent + 1, "}");
                }
                line(indent, "}");
            }
            case Timing t -> {
                if (!t.body().isEmpty()) {
                    line(indent, "{");
                    body(t.body(), indent + 1);
                    line(indent, "}");
                }
            }
            case Return r -> line(indent, "return" + (r.value() == null ? "" : " " + expr(r.value())) + ";");
            case ExprStmt e -> line(indent, expr(e.expr()) + ";");
            case End e -> line(indent, "end;");
            case Block b -> {
                boolean synthetic = b.body().size() == 2 && b.body().get(0) instanceof VarDecl && b.body().get(1) instanceof Measure;
                if (synthetic) {
                    for (Stmt x : b.body()) stmt(x, indent, top);
                } else {
                    line(indent, "{");
                    body(b.body(), indent + 1);
                    line(indent, "}");
                }
            }
        }
    }

    private static String type(Type t) {
        return t.name() + (t.width() == null ? "" : "[" + expr(t.width()) + "]");
    }

    private static String list(List<Expr> es) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : es) sb.append(sb.isEmpty() ? "" : ", ").append(expr(e));
        return sb.toString();
    }

    static String expr(Expr e) {
        return switch (e) {
            case IntLit x -> Long.toString(x.value());
            case FloatLit x -> number(x.value());
            case BoolLit x -> x.value() ? "true" : "false";
            case BitString x -> "\"" + x.bits() + "\"";
            case Ident x -> x.name();
            case HwQubit x -> "$" + x.index();
            case Index x -> expr(x.target()) + "[" + (x.index() instanceof SetLit s ? expr(s) : expr(x.index())) + "]";
            case Range r -> (r.start() == null ? "" : expr(r.start())) + ":" + (r.step() == null ? "" : expr(r.step()) + ":")
                    + (r.end() == null ? "" : expr(r.end()));
            case SetLit s -> "{" + list(s.items()) + "}";
            case Unary u -> u.op() + "(" + expr(u.operand()) + ")";
            case Binary b -> "(" + expr(b.left()) + " " + b.op() + " " + expr(b.right()) + ")";
            case Call c -> c.name() + "(" + list(c.args()) + ")";
            case Cast c -> type(c.type()) + "(" + expr(c.operand()) + ")";
            case MeasureExpr m -> "measure " + expr(m.operand());
            case Concat c -> {
                StringBuilder sb = new StringBuilder();
                for (Expr p : c.parts()) sb.append(sb.isEmpty() ? "" : " ++ ").append(expr(p));
                yield sb.toString();
            }
        };
    }
}
