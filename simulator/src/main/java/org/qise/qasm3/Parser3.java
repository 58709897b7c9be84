package org.qise.qasm3;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qise.qasm.QasmException;
import org.qise.qasm3.Ast.*;

/**
 * Recursive-descent parser from OpenQASM 3 tokens to an {@link Ast} tree, written from the
 * specification's description of the language. Statements of a block are read in a loop and
 * binary operators by precedence climbing, so only bracket nesting recurses; it is bounded by
 * {@code maxNesting}. Features QISE defers are refused here with "not supported: …" at their line.
 */
final class Parser3 {
    static final Set<String> KEYWORDS = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(java.util.List.of(
            "OPENQASM", "include", "defcalgrammar", "def", "cal", "defcal", "gate", "extern", "box", "let",
            "break", "continue", "if", "else", "end", "return", "for", "while", "in", "switch", "case", "default",
            "input", "output", "const", "readonly", "mutable", "qreg", "qubit", "creg", "bool", "bit", "int", "uint",
            "float", "angle", "complex", "array", "void", "duration", "stretch", "gphase", "inv", "pow", "ctrl",
            "negctrl", "durationof", "delay", "reset", "measure", "barrier", "true", "false", "opaque", "sizeof")));

    private static final Set<String> SCALAR_TYPES = Set.of("int", "uint", "float", "bool", "bit");

    private final Lexer3 lexer;
    private final String file;
    private final int maxNesting;
    /** Position in the token stream (counted from the first token of the file). */
    private int i;
    private int depth;

    // The tokens are read from the lexer as the parser asks for them and dropped once a top-level
    // statement is parsed. Holding every token of a large file at once kept hundreds of thousands
    // of small objects alive through the whole parse, and the collector's copying of them made the
    // reader slow and erratic on big circuits. Look-ahead (past a bracketed group, to tell a gate
    // call from a subroutine call) only ever reaches within one statement.
    private Tok[] buf = new Tok[2 * BATCH];
    /** Stream position of buf[0]. */
    private int base;
    /** How many tokens buf holds. */
    private int filled;

    Parser3(Lexer3 lexer, String file, int maxNesting) {
        this.lexer = lexer;
        this.file = file;
        this.maxNesting = maxNesting;
    }

    // ---- token helpers ----

    /** The token at stream position {@code at}, reading more from the lexer as needed; EOF repeats past the end. */
    private Tok tok(int at) {
        int k = at - base;
        return k < filled ? buf[k] : read(at); // kept this small so that every peek inlines it
    }

    /**
     * Reads tokens from the lexer up to stream position {@code at}, and a batch beyond: lexing a
     * thousand tokens in one go keeps the lexer's loop hot, where one token at a time between
     * parser steps ran measurably slower.
     */
    private Tok read(int at) {
        if (filled > 0 && buf[filled - 1].kind() == Tok.Kind.EOF) return buf[filled - 1];
        int want = Math.max(at - base + 1, filled + BATCH);
        if (want > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(want, buf.length * 2));
        while (filled < want) {
            Tok t = lexer.next();
            buf[filled++] = t;
            if (t.kind() == Tok.Kind.EOF) break;
        }
        return at - base < filled ? buf[at - base] : buf[filled - 1];
    }

    private static final int BATCH = 1024;

    /**
     * Forgets the tokens before the current one; only between top-level statements, where nothing
     * looks back, and only once a batch of them has been used, so that few are ever copied.
     */
    private void release() {
        int drop = i - base;
        if (drop < BATCH) return;
        int keep = filled - drop;
        System.arraycopy(buf, drop, buf, 0, keep);
        for (int k = keep; k < filled; k++) buf[k] = null;
        filled = keep;
        base = i;
    }

    private Tok peek() { return tok(i); }

    private Tok peek(int ahead) { return tok(i + ahead); }

    private Tok take() {
        Tok t = tok(i);
        if (t.kind() != Tok.Kind.EOF) i++;
        return t;
    }

    private boolean at(String s) { return peek().is(s); }

    private boolean accept(String s) {
        if (at(s)) {
            i++;
            return true;
        }
        return false;
    }

    private Tok expect(String s) {
        if (!at(s)) throw error(peek(), "expected '" + s + "' but found " + peek().describe());
        return take();
    }

    static Pos pos(Tok t) { return new Pos(t.line(), t.column()); }

    QasmException error(Tok t, String msg) { return new QasmException(file, t.line(), t.column(), msg); }

    QasmException unsupported(Tok t, String what) {
        return new QasmException(file, t.line(), t.column(), "not supported: " + what);
    }

    private String name(String what) {
        Tok t = peek();
        if (t.kind() != Tok.Kind.IDENT) throw error(t, "expected " + what + " but found " + t.describe());
        if (KEYWORDS.contains(t.text())) throw error(t, "'" + t.text() + "' is a keyword and cannot be used as " + what);
        return take().text();
    }

    private void enter(Tok t) {
        if (++depth > maxNesting) throw error(t, "nesting deeper than " + maxNesting + " levels");
    }

    private void leave() { depth--; }

    // ---- program ----

    private boolean started;

    /**
     * The next top-level statement, or null at the end of the file (the version header, if any,
     * is checked first). The reader runs each statement as it comes, so the syntax tree of a
     * long program is never held whole.
     */
    Stmt next() {
        if (!started) {
            started = true;
            header();
        }
        while (peek().kind() != Tok.Kind.EOF) {
            Stmt s = statement();
            release();
            if (s != null) return s;
        }
        return null;
    }

    /** All the remaining statements. */
    List<Stmt> program() {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s = next(); s != null; s = next()) out.add(s);
        return out;
    }

    private void header() {
        if (peek().is("OPENQASM")) {
            take();
            Tok v = take();
            if (v.kind() != Tok.Kind.INT && v.kind() != Tok.Kind.FLOAT) throw error(v, "expected a version number after OPENQASM but found " + v.describe());
            if (!v.text().equals("3") && !v.text().startsWith("3.")) throw error(v, "this reader reads OpenQASM 3, not version " + v.text());
            expect(";");
        }
    }

    /** A statement, or null for one that has no effect (a pragma, an annotation, a lone include). */
    private Stmt statement() {
        Tok t = peek();
        switch (t.kind()) {
            case PRAGMA, ANNOTATION -> {
                take();
                return null;
            }
            case IDENT -> { }
            case HWQUBIT, INT, FLOAT, STRING, DURATION, IMAGINARY -> throw error(t, "a statement cannot start with " + t.describe());
            case EOF -> throw error(t, "expected a statement but found end of file");
            default -> {
                if (t.is("{")) return new Block(block(), pos(t));
                throw error(t, "a statement cannot start with " + t.describe());
            }
        }
        Pos p = pos(t);
        switch (t.text()) {
            case "OPENQASM" -> throw error(t, "the OPENQASM version line must be the first statement");
            case "include" -> {
                take();
                Tok f = take();
                if (f.kind() != Tok.Kind.STRING) throw error(f, "expected a file name in quotes after include but found " + f.describe());
                expect(";");
                if (f.text().equals("qelib1.inc")) {
                    throw error(f, "cannot include \"qelib1.inc\" in OpenQASM 3: it is OpenQASM 2's library (include stdgates.inc, or write OPENQASM 2.0)");
                }
                if (!f.text().equals("stdgates.inc")) {
                    throw error(f, "cannot include \"" + f.text() + "\": only stdgates.inc is built in, and no file is ever read");
                }
                return null;
            }
            case "defcalgrammar", "defcal", "cal" -> throw unsupported(t, "pulse-level calibration ('" + t.text() + "')");
            case "extern" -> throw unsupported(t, "extern functions");
            case "complex" -> throw unsupported(t, "complex numbers");
            case "array" -> throw unsupported(t, "arrays beyond bit and qubit registers");
            case "angle" -> throw unsupported(t, "angle types (use float)");
            case "duration" -> throw unsupported(t, "duration variables and arithmetic");
            case "opaque" -> throw unsupported(t, "opaque gates");
            case "stretch" -> {
                take();
                name("a stretch name");
                expect(";");
                return new Timing("stretch", List.of(), p);
            }
            case "qubit" -> {
                take();
                Expr size = null;
                if (accept("[")) {
                    size = expr();
                    expect("]");
                }
                String n = name("a qubit register name");
                expect(";");
                return new QubitDecl(n, size, p);
            }
            case "qreg", "creg" -> {
                take();
                String n = name("a register name");
                Expr size = null;
                if (accept("[")) {
                    size = expr();
                    expect("]");
                }
                expect(";");
                return t.text().equals("qreg") ? new QubitDecl(n, size, p)
                        : new VarDecl(new Type("bit", size, p), n, null, false, null, p);
            }
            case "const" -> {
                take();
                if (!SCALAR_TYPES.contains(peek().text())) typeError();
                Type ty = type();
                String n = name("a constant name");
                if (!at("=")) throw error(peek(), "a constant needs a value: expected '=' but found " + peek().describe());
                take();
                Expr init = expr();
                expect(";");
                return new VarDecl(ty, n, init, true, null, p);
            }
            case "input", "output" -> {
                take();
                Type ty;
                if (at("angle")) {
                    // an angle input is read as a float: its value is used as given (no wrap to
                    // [0, 2π), no rounding to its bits), which is what a parameter sweep wants
                    Tok a = take();
                    if (accept("[")) {
                        expr();
                        expect("]");
                    }
                    ty = new Type("float", null, pos(a));
                } else {
                    if (!SCALAR_TYPES.contains(peek().text())) typeError();
                    ty = type();
                }
                String n = name("an " + t.text() + " name");
                expect(";");
                return new VarDecl(ty, n, null, false, t.text(), p);
            }
            case "int", "uint", "float", "bool", "bit" -> {
                if (peek(1).is("(") || peek(1).is("[") && castFollows()) return expressionStatement(p);
                Type ty = type();
                String n = name("a variable name");
                Expr init = null;
                if (accept("=")) init = at("measure") ? measureExpr() : expr();
                expect(";");
                if (init instanceof MeasureExpr m) {
                    return new Block(List.of(new VarDecl(ty, n, null, false, null, p), new Measure(m.operand(), new Ident(n, p), p)), p);
                }
                return new VarDecl(ty, n, init, false, null, p);
            }
            case "let" -> {
                take();
                String n = name("an alias name");
                expect("=");
                Expr v = expr();
                expect(";");
                return new Let(n, v, p);
            }
            case "gate" -> { return gateDef(); }
            case "def" -> { return def(); }
            case "measure" -> {
                take();
                Expr q = operand();
                Expr target = null;
                if (accept("->")) target = operand();
                expect(";");
                return new Measure(q, target, p);
            }
            case "reset" -> {
                take();
                Expr q = operand();
                expect(";");
                return new Reset(q, p);
            }
            case "barrier" -> {
                take();
                List<Expr> qs = new ArrayList<>();
                if (!at(";")) {
                    qs.add(operand());
                    while (accept(",")) qs.add(operand());
                }
                expect(";");
                return new Barrier(qs, p);
            }
            case "delay" -> {
                take();
                expect("[");
                timingExpr();
                expect("]");
                while (!at(";")) {
                    operand();
                    if (!at(";")) expect(",");
                }
                expect(";");
                return new Timing("delay", List.of(), p);
            }
            case "box" -> {
                take();
                if (accept("[")) {
                    timingExpr();
                    expect("]");
                }
                return new Timing("box", block(), p);
            }
            case "if" -> {
                take();
                expect("(");
                Expr c = expr();
                expect(")");
                List<Stmt> th = body();
                List<Stmt> el = null;
                if (accept("else")) el = body();
                return new If(c, th, el, p);
            }
            case "for" -> {
                take();
                Type ty = null;
                if (SCALAR_TYPES.contains(peek().text())) ty = type();
                String v = name("a loop variable name");
                expect("in");
                Expr it;
                if (at("[")) {
                    Tok b = take();
                    it = rangeOrExpr();
                    expect("]");
                    if (!(it instanceof Range)) it = new SetLit(List.of(it), pos(b));
                } else if (at("{")) {
                    it = setLit();
                } else {
                    it = operand();
                }
                return new For(ty, v, it, body(), p);
            }
            case "while" -> {
                take();
                expect("(");
                Expr c = expr();
                expect(")");
                return new While(c, body(), p);
            }
            case "break" -> {
                take();
                expect(";");
                return new Break(p);
            }
            case "continue" -> {
                take();
                expect(";");
                return new Continue(p);
            }
            case "end" -> {
                take();
                expect(";");
                return new End(p);
            }
            case "return" -> {
                take();
                Expr v = null;
                if (!at(";")) v = at("measure") ? measureExpr() : expr();
                expect(";");
                return new Return(v, p);
            }
            case "switch" -> { return switchStmt(); }
            case "ctrl", "negctrl", "inv", "pow", "gphase" -> {
                if (t.text().equals("pow") && !modifierFollows()) return expressionStatement(p);
                return gateCall();
            }
            default -> {
                if (KEYWORDS.contains(t.text())) throw error(t, "'" + t.text() + "' cannot start a statement here");
                Tok next = peek(1);
                if (next.is("(") ) {
                    // a gate with parameters, or a subroutine call statement: look past the brackets
                    int save = i;
                    take();
                    skipBrackets();
                    boolean call = at(";");
                    i = save;
                    if (call) return expressionStatement(p);
                    return gateCall();
                }
                if (next.is("=") || next.is("[") || next.kind() == Tok.Kind.OP && next.text().endsWith("=")
                        && !next.is("==") && !next.is("!=") && !next.is("<=") && !next.is(">=")) {
                    return assignment();
                }
                return gateCall();
            }
        }
    }

    private void typeError() {
        Tok t = peek();
        if (t.is("complex")) throw unsupported(t, "complex numbers");
        if (t.is("angle")) throw unsupported(t, "angle types (use float)");
        if (t.is("array")) throw unsupported(t, "arrays beyond bit and qubit registers");
        if (t.is("duration")) throw unsupported(t, "duration variables and arithmetic");
        throw error(t, "expected a type (int, uint, float, bool or bit) but found " + t.describe());
    }

    /** After {@code int[…]}: whether a cast {@code int[8](…)} follows rather than a declaration. */
    private boolean castFollows() {
        int save = i;
        take();
        skipBrackets();
        boolean cast = at("(");
        i = save;
        return cast;
    }

    private boolean modifierFollows() {
        int save = i;
        take();
        skipBrackets();
        boolean mod = at("@");
        i = save;
        return mod;
    }

    /** Skips one bracketed group starting at the current token, if there is one. */
    private void skipBrackets() {
        if (!at("(") && !at("[")) return;
        int level = 0;
        do {
            Tok t = take();
            if (t.is("(") || t.is("[")) level++;
            else if (t.is(")") || t.is("]")) level--;
            if (t.kind() == Tok.Kind.EOF) return;
        } while (level > 0);
    }

    private Stmt expressionStatement(Pos p) {
        Expr e = expr();
        expect(";");
        if (!(e instanceof Call)) throw new QasmException(file, p.line(), p.column(), "an expression on its own is not a statement");
        return new ExprStmt(e, p);
    }

    private Type type() {
        Tok t = take();
        if (!SCALAR_TYPES.contains(t.text())) {
            i--;
            typeError();
        }
        Expr width = null;
        if (at("[")) {
            if (t.is("bool")) throw error(peek(), "bool has no size");
            take();
            width = expr();
            if (at(",")) throw error(peek(), "a scalar type takes one size, not several (arrays are not supported)");
            expect("]");
        }
        return new Type(t.text(), width, pos(t));
    }

    private List<Stmt> block() {
        Tok open = expect("{");
        enter(open);
        List<Stmt> out = new ArrayList<>();
        while (!at("}")) {
            if (peek().kind() == Tok.Kind.EOF) throw error(peek(), "block opened at " + open.line() + ":" + open.column() + " is never closed with '}'");
            Stmt s = statement();
            if (s != null) out.add(s);
        }
        take();
        leave();
        return out;
    }

    /** A block, or a single statement, as the body of if/else/for/while. */
    private List<Stmt> body() {
        if (at("{")) return block();
        Tok t = peek();
        if (t.is(";")) throw error(t, "expected a statement or a block but found ';'");
        enter(t);
        Stmt s = statement();
        leave();
        if (s instanceof Def || s instanceof GateDef || s instanceof QubitDecl) {
            throw error(t, "a declaration cannot be the body of a control-flow statement");
        }
        return s == null ? List.of() : List.of(s);
    }

    private Stmt assignment() {
        Tok t = peek();
        Expr target = postfix(primaryName());
        Tok op = take();
        if (!(op.is("=") || op.kind() == Tok.Kind.OP && op.text().endsWith("=") && op.text().length() >= 2
                && !op.is("==") && !op.is("!=") && !op.is("<=") && !op.is(">="))) {
            throw error(op, "expected an assignment operator such as '=' but found " + op.describe());
        }
        if (op.is("=") && at("measure")) {
            Expr m = measureExpr();
            expect(";");
            return new Measure(((MeasureExpr) m).operand(), target, pos(t));
        }
        Expr v = expr();
        expect(";");
        return new Assign(target, op.text(), v, pos(t));
    }

    private Expr measureExpr() {
        Tok m = expect("measure");
        Expr q = operand();
        return new MeasureExpr(q, pos(m));
    }

    private Expr primaryName() {
        Tok t = peek();
        return new Ident(name("a variable name"), pos(t));
    }

    private Stmt gateDef() {
        Tok g = take();
        Tok nt = peek();
        String n = nt.kind() == Tok.Kind.IDENT && (nt.is("U") || !KEYWORDS.contains(nt.text())) ? take().text() : name("a gate name");
        List<String> params = new ArrayList<>();
        if (accept("(")) {
            if (!at(")")) {
                params.add(name("a parameter name"));
                while (accept(",")) params.add(name("a parameter name"));
            }
            expect(")");
        }
        List<String> qubits = new ArrayList<>();
        qubits.add(name("a qubit argument name"));
        while (accept(",")) qubits.add(name("a qubit argument name"));
        return new GateDef(n, params, qubits, block(), pos(g));
    }

    private Stmt def() {
        Tok d = take();
        String n = name("a subroutine name");
        expect("(");
        List<Param> params = new ArrayList<>();
        if (!at(")")) {
            do {
                Tok pt = peek();
                if (pt.is("readonly") || pt.is("mutable") || pt.is("array")) throw unsupported(pt, "arrays beyond bit and qubit registers");
                if (pt.is("qubit")) {
                    take();
                    Expr size = null;
                    if (accept("[")) {
                        size = expr();
                        expect("]");
                    }
                    params.add(new Param(null, true, size, name("a parameter name")));
                } else if (pt.is("qreg")) {
                    take();
                    String pn = name("a parameter name");
                    Expr size = null;
                    if (accept("[")) {
                        size = expr();
                        expect("]");
                    }
                    params.add(new Param(null, true, size, pn));
                } else {
                    if (!SCALAR_TYPES.contains(pt.text())) typeError();
                    Type ty = type();
                    params.add(new Param(ty, false, null, name("a parameter name")));
                }
            } while (accept(","));
        }
        expect(")");
        Type ret = null;
        if (accept("->")) {
            if (!SCALAR_TYPES.contains(peek().text())) typeError();
            ret = type();
        }
        return new Def(n, params, ret, block(), pos(d));
    }

    private Stmt switchStmt() {
        Tok s = take();
        expect("(");
        if (at(")")) throw error(peek(), "switch needs a value to test");
        Expr subject = expr();
        expect(")");
        Tok open = expect("{");
        List<Case> cases = new ArrayList<>();
        List<Stmt> otherwise = null;
        while (!at("}")) {
            Tok c = peek();
            if (c.is("case")) {
                take();
                List<Expr> values = new ArrayList<>();
                values.add(expr());
                while (accept(",")) values.add(expr());
                cases.add(new Case(values, block(), pos(c)));
            } else if (c.is("default")) {
                take();
                if (otherwise != null) throw error(c, "switch has more than one default");
                otherwise = block();
            } else {
                throw error(c, "expected 'case' or 'default' in switch but found " + c.describe());
            }
        }
        take();
        return new Switch(subject, cases, otherwise, pos(s));
    }

    private Stmt gateCall() {
        Tok start = peek();
        List<Modifier> mods = new ArrayList<>();
        while (true) {
            Tok m = peek();
            if (!(m.is("ctrl") || m.is("negctrl") || m.is("inv") || m.is("pow"))) break;
            if (m.is("pow") && !modifierFollows()) break;
            if (!peek(1).is("@") && !peek(1).is("(")) break;
            take();
            Expr arg = null;
            if (at("(")) {
                if (m.is("inv")) throw error(peek(), "inv takes no argument");
                take();
                arg = expr();
                if (at(",")) throw error(peek(), m.text() + " takes one argument");
                expect(")");
            } else if (m.is("pow")) {
                throw error(peek(), "pow needs an exponent, as in pow(2) @");
            }
            expect("@");
            mods.add(new Modifier(m.text(), arg, pos(m)));
        }
        Tok nt = peek();
        if (nt.kind() != Tok.Kind.IDENT) throw error(nt, "expected a gate name but found " + nt.describe());
        if (KEYWORDS.contains(nt.text()) && !nt.is("gphase")) throw error(nt, "'" + nt.text() + "' is not a gate");
        String n = take().text();
        // sized for the usual call (no or one parameter, one or two operands), not ArrayList's 10
        List<Expr> params = new ArrayList<>(at("(") ? 2 : 0);
        if (accept("(")) {
            if (!at(")")) {
                params.add(argument());
                while (accept(",")) params.add(argument());
            }
            expect(")");
        }
        if (at("[")) throw unsupported(peek(), "gate durations ('" + n + "[…]')");
        List<Expr> operands = new ArrayList<>(2);
        if (!at(";")) {
            operands.add(operand());
            while (accept(",")) operands.add(operand());
        }
        expect(";");
        return new GateCall(mods, n, params, operands, pos(start));
    }

    /** A gate argument; a lone number (the common case) is read directly. */
    private Expr argument() {
        Tok t = peek();
        if ((t.kind() == Tok.Kind.FLOAT || t.kind() == Tok.Kind.INT) && (peek(1).is(",") || peek(1).is(")"))) return primary();
        return expr();
    }

    /** A qubit or bit operand: a name or $n, optionally indexed. */
    private Expr operand() {
        Tok t = peek();
        if (t.kind() == Tok.Kind.HWQUBIT) {
            take();
            return new HwQubit(Integer.parseInt(t.text().substring(1)), pos(t));
        }
        return postfix(new Ident(name("a qubit or bit operand"), pos(t)));
    }

    private Expr postfix(Expr e) {
        while (at("[")) {
            Tok b = take();
            enter(b);
            Expr idx = at("{") ? setLit() : rangeOrExpr();
            if (at(",")) throw unsupported(peek(), "multi-dimensional indexing (arrays beyond bit and qubit registers)");
            expect("]");
            leave();
            e = new Index(e, idx, pos(b));
        }
        return e;
    }

    private Expr setLit() {
        Tok open = expect("{");
        enter(open);
        List<Expr> items = new ArrayList<>();
        if (at("}")) throw error(peek(), "a set needs at least one value");
        items.add(expr());
        while (accept(",")) items.add(expr());
        expect("}");
        leave();
        return new SetLit(items, pos(open));
    }

    private Expr rangeOrExpr() {
        Tok t = peek();
        if (t.kind() == Tok.Kind.INT && peek(1).is("]")) return primary(); // q[3]: the common index, read directly
        Expr a = at(":") ? null : expr();
        if (!accept(":")) return a;
        Expr b = at("]") || at(":") ? null : expr();
        if (accept(":")) {
            Expr c = at("]") ? null : expr();
            return new Range(a, b, c, pos(t));
        }
        return new Range(a, null, b, pos(t));
    }

    private void timingExpr() {
        // delays and box durations do nothing on an ideal simulator; read the expression and drop it
        int level = 0;
        while (!(level == 0 && at("]"))) {
            Tok t = take();
            if (t.kind() == Tok.Kind.EOF) throw error(t, "expected ']' but found end of file");
            if (t.is("(") || t.is("[")) level++;
            if (t.is(")") || t.is("]")) level--;
        }
    }

    // ---- expressions, by precedence climbing ----

    /** Binding strength of the binary operators, loosest first. */
    private static final java.util.Map<String, Integer> PRECEDENCE = java.util.Map.ofEntries(
            java.util.Map.entry("||", 1), java.util.Map.entry("&&", 2), java.util.Map.entry("|", 3), java.util.Map.entry("^", 4),
            java.util.Map.entry("&", 5), java.util.Map.entry("==", 6), java.util.Map.entry("!=", 6), java.util.Map.entry("<", 7),
            java.util.Map.entry("<=", 7), java.util.Map.entry(">", 7), java.util.Map.entry(">=", 7), java.util.Map.entry("<<", 8),
            java.util.Map.entry(">>", 8), java.util.Map.entry("+", 9), java.util.Map.entry("-", 9), java.util.Map.entry("*", 10),
            java.util.Map.entry("/", 10), java.util.Map.entry("%", 10));

    Expr expr() {
        Expr e = binary(1);
        if (at("++")) {
            List<Expr> parts = new ArrayList<>();
            parts.add(e);
            while (accept("++")) parts.add(binary(1));
            return new Concat(parts, e.pos());
        }
        return e;
    }

    /**
     * Precedence climbing: a chain of operators of one strength is read in a loop (left to
     * right), and recursion only goes to stronger operators, so it is at most ten deep.
     */
    private Expr binary(int minPrecedence) {
        Expr left = unary();
        int chain = 0;
        while (true) {
            Tok t = peek();
            if (t.kind() != Tok.Kind.OP) return left;
            Integer prec = PRECEDENCE.get(t.text());
            if (prec == null || prec < minPrecedence) return left;
            take();
            // a long chain builds a deep tree that evaluation walks recursively: bound it
            if (++chain > 10 * maxNesting) throw error(t, "expression has more than " + 10 * maxNesting + " operators in a row");
            Expr right = binary(prec + 1);
            left = new Binary(t.text(), left, right, pos(t));
        }
    }

    private Expr unary() {
        Tok t = peek();
        if (t.is("-") || t.is("!") || t.is("~") || t.is("+")) {
            take();
            enter(t);
            Expr e = unary();
            leave();
            return t.is("+") ? e : new Unary(t.text(), e, pos(t));
        }
        return power();
    }

    private Expr power() {
        Expr base = postfixExpr();
        if (at("**")) {
            Tok op = take();
            enter(op);
            Expr exp = unary(); // right-associative
            leave();
            return new Binary("**", base, exp, pos(op));
        }
        return base;
    }

    private Expr postfixExpr() {
        Expr e = primary();
        if (e instanceof Ident || e instanceof HwQubit) e = postfix(e);
        return e;
    }

    private Expr primary() {
        Tok t = peek();
        Pos p = pos(t);
        switch (t.kind()) {
            case INT -> {
                take();
                try {
                    return new IntLit(Long.parseLong(t.text()), p);
                } catch (NumberFormatException e) {
                    try {
                        return new IntLit(Long.parseUnsignedLong(t.text()), p);
                    } catch (NumberFormatException e2) {
                        throw error(t, "integer " + t.text() + " is too large (at most 64 bits)");
                    }
                }
            }
            case FLOAT -> {
                take();
                return new FloatLit(Double.parseDouble(t.text()), t.text(), p);
            }
            case IMAGINARY -> throw unsupported(t, "complex numbers (imaginary literal " + t.text() + "im)");
            case DURATION -> throw unsupported(t, "duration arithmetic (" + t.text() + ")");
            case STRING -> {
                take();
                if (!t.text().matches("[01_]+")) throw error(t, "a bit string holds only 0, 1 and '_', not \"" + t.text() + "\"");
                return new BitString(t.text().replace("_", ""), p);
            }
            case HWQUBIT -> {
                take();
                return new HwQubit(Integer.parseInt(t.text().substring(1)), p);
            }
            case IDENT -> { }
            default -> {
                if (t.is("(")) {
                    take();
                    enter(t);
                    Expr e = expr();
                    expect(")");
                    leave();
                    return e;
                }
                if (t.is("{")) throw error(t, "a set {…} is allowed only in an index or a for loop");
                throw error(t, "expected a value but found " + t.describe());
            }
        }
        String n = t.text();
        switch (n) {
            case "true", "false" -> {
                take();
                return new BoolLit(n.equals("true"), p);
            }
            case "int", "uint", "float", "bool", "bit" -> {
                Type ty = type();
                if (!at("(")) throw error(peek(), "expected '(' after the type of a cast but found " + peek().describe());
                take();
                enter(t);
                Expr e = expr();
                expect(")");
                leave();
                return new Cast(ty, e, p);
            }
            case "measure" -> throw error(t, "measure can only be the whole right-hand side of an assignment");
            case "durationof" -> throw unsupported(t, "duration arithmetic (durationof)");
            case "complex" -> throw unsupported(t, "complex numbers");
            case "angle" -> throw unsupported(t, "angle types (use float)");
            case "duration" -> throw unsupported(t, "duration variables and arithmetic");
            case "array" -> throw unsupported(t, "arrays beyond bit and qubit registers");
            case "sizeof" -> throw unsupported(t, "arrays beyond bit and qubit registers (sizeof)");
            default -> { }
        }
        if (KEYWORDS.contains(n) && !n.equals("pow")) throw error(t, "'" + n + "' is a keyword, not a value");
        take();
        if (at("(")) {
            Tok open = take();
            enter(open);
            List<Expr> args = new ArrayList<>();
            if (!at(")")) {
                args.add(at("measure") ? measureExpr() : expr());
                while (accept(",")) args.add(expr());
            }
            expect(")");
            leave();
            return new Call(n, args, p);
        }
        return new Ident(n, p);
    }
}
