package org.qise.qasm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Condition;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;
import org.qise.param.Expression;

/**
 * Recursive-descent parser for an OpenQASM 2.0 program. Statements of the main program are
 * executed as they are read: registers are declared on a {@link CircuitBuilder} and gate
 * applications are broadcast over registers and expanded into library gates.
 */
final class ProgramParser {
    static final String QELIB1 = "qelib1.inc";

    /** Words that cannot name a register, gate or parameter. */
    private static final Set<String> RESERVED = Set.of(
            "OPENQASM", "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "barrier", "if",
            "pi", "U", "CX", "sin", "cos", "tan", "exp", "ln", "sqrt", "asin", "acos", "atan");

    /** Statements that may not appear inside a gate body. */
    private static final Set<String> NOT_IN_GATE_BODY = Set.of(
            "measure", "reset", "if", "qreg", "creg", "gate", "opaque", "include", "OPENQASM");

    private final TokenCursor in;
    private final ParseLimits limits;
    private final CircuitBuilder builder = Circuit.builder();
    private final GateExpander expander;
    private final Map<String, GateSymbol> gates = new LinkedHashMap<>();
    /** Line where each program-defined gate or opaque was declared. */
    private final Map<String, Integer> gateLines = new HashMap<>();
    private final Map<String, Register> registers = new HashMap<>();
    private final Map<String, Integer> registerLines = new HashMap<>();
    private boolean qelib1Included;
    /** Circuit parameters that gate arguments of the main program may name (empty: plain OpenQASM 2.0). */
    private final Set<String> symbols;

    ProgramParser(String source, String file, ParseLimits limits) {
        this(source, file, limits, Set.of());
    }

    ProgramParser(String source, String file, ParseLimits limits, Set<String> symbols) {
        this.in = new TokenCursor(source, file);
        this.limits = limits;
        this.symbols = Set.copyOf(symbols);
        this.expander = new GateExpander(builder, in, limits.maxOperations());
        gates.put("U", new GateSymbol.Library(Gates.lookup("U").orElseThrow()));
        gates.put("CX", new GateSymbol.Library(Gates.lookup("CX").orElseThrow()));
    }

    Circuit parse() {
        header();
        while (!in.peek().is(Token.Kind.EOF)) statement();
        return builder.build();
    }

    // ---- header and top-level statements ----

    private void header() {
        Token first = in.peek();
        if (!first.isWord("OPENQASM")) {
            throw in.error(first, "expected 'OPENQASM 2.0;' at the start of the program but found " + first.describe());
        }
        in.next();
        Token version = in.peek();
        if (!version.is(Token.Kind.INTEGER) && !version.is(Token.Kind.REAL)) {
            throw in.error(version, "expected a version number after OPENQASM but found " + version.describe());
        }
        in.next();
        if (!version.text().matches("2(\\.0*)?")) {
            throw in.error(version, "unsupported OpenQASM version " + version.text() + "; only version 2.0 is supported");
        }
        in.expect(Token.Kind.SEMICOLON, "';' after 'OPENQASM " + version.text() + "'");
    }

    private void statement() {
        Token t = in.peek();
        if (!t.is(Token.Kind.IDENTIFIER)) throw in.error(t, "expected a statement but found " + t.describe());
        switch (t.text()) {
            case "OPENQASM" -> throw in.error(t, "'OPENQASM' may only appear once, as the first statement");
            case "include" -> include();
            case "qreg" -> register(Register.Kind.QUANTUM);
            case "creg" -> register(Register.Kind.CLASSICAL);
            case "gate" -> gateDefinition();
            case "opaque" -> opaqueDeclaration();
            case "barrier" -> barrier();
            case "if" -> conditional();
            default -> quantumOperation(null);
        }
    }

    private void include() {
        in.next();
        Token name = in.expect(Token.Kind.STRING, "a file name in double quotes");
        in.expect(Token.Kind.SEMICOLON, "';' after include");
        if (!name.text().equals(QELIB1)) {
            throw in.error(name, "cannot include \"" + name.text() + "\": only \"" + QELIB1
                    + "\" is available (it is built in; no file is ever read)");
        }
        if (qelib1Included) return;
        qelib1Included = true;
        for (Gates.Definition d : Gates.library().values()) {
            if (gates.containsKey(d.name()) && !(gates.get(d.name()) instanceof GateSymbol.Library)) {
                throw in.error(name, "including \"" + QELIB1 + "\" redefines gate '" + d.name()
                        + "', already declared at line " + gateLines.get(d.name()));
            }
            gates.putIfAbsent(d.name(), new GateSymbol.Library(d));
        }
    }

    private void register(Register.Kind kind) {
        in.next();
        Token name = declaredName("register");
        in.expect(Token.Kind.LBRACKET, "'[' and the register size");
        Token sizeToken = in.expect(Token.Kind.INTEGER, "the register size (a positive integer)");
        in.expect(Token.Kind.RBRACKET, "']'");
        in.expect(Token.Kind.SEMICOLON, "';' after the register declaration");
        if (registers.containsKey(name.text())) {
            throw in.error(name, "register '" + name.text() + "' is already declared at line " + registerLines.get(name.text()));
        }
        long size = integerValue(sizeToken);
        if (size < 1) throw in.error(sizeToken, "register '" + name.text() + "' must have at least one bit");
        int before = kind == Register.Kind.QUANTUM ? builder.numQubits() : builder.numClbits();
        if (before + size > Integer.MAX_VALUE) {
            throw in.error(sizeToken, "register '" + name.text() + "' makes the program too large (" + (before + size) + " bits)");
        }
        if (kind == Register.Kind.QUANTUM) builder.qreg(name.text(), (int) size);
        else builder.creg(name.text(), (int) size);
        registers.put(name.text(), new Register(kind, name.text(), before, (int) size));
        registerLines.put(name.text(), name.line());
    }

    // ---- gate definitions ----

    private void gateDefinition() {
        Token keyword = in.next();
        Token name = declaredName("gate");
        checkNotDefined(name);
        List<String> params = in.peek().is(Token.Kind.LPAREN) ? formalParameters() : List.of();
        List<String> qubits = identifierList("qubit argument");
        for (String q : qubits) {
            if (params.contains(q)) throw in.error(name, "'" + q + "' is both a parameter and a qubit argument of gate " + name.text());
        }
        in.expect(Token.Kind.LBRACE, "'{' to open the body of gate " + name.text());
        List<GateSymbol.BodyStep> body = new ArrayList<>();
        int depth = 1;
        long steps = 1;
        while (!in.accept(Token.Kind.RBRACE)) {
            GateSymbol.BodyStep step = bodyStatement(name.text(), params, qubits);
            long stepSize = 1;
            if (step instanceof GateSymbol.Call c && c.gate() instanceof GateSymbol.Defined d) {
                depth = Math.max(depth, d.depth() + 1);
                stepSize = d.expansionSteps();
            }
            steps = steps > Long.MAX_VALUE - stepSize ? Long.MAX_VALUE : steps + stepSize;
            body.add(step);
        }
        if (depth > limits.maxNesting()) {
            throw in.error(name, "gate " + name.text() + " nests gate definitions " + depth
                    + " levels deep; the limit is " + limits.maxNesting());
        }
        gates.put(name.text(), new GateSymbol.Defined(name.text(), params, qubits, List.copyOf(body), keyword.line(), depth, steps));
        gateLines.put(name.text(), name.line());
    }

    private void opaqueDeclaration() {
        in.next();
        Token name = declaredName("gate");
        checkNotDefined(name);
        List<String> params = in.peek().is(Token.Kind.LPAREN) ? formalParameters() : List.of();
        List<String> qubits = identifierList("qubit argument");
        in.expect(Token.Kind.SEMICOLON, "';' after the opaque declaration");
        gates.put(name.text(), new GateSymbol.Opaque(name.text(), params.size(), qubits.size(), name.line()));
        gateLines.put(name.text(), name.line());
    }

    private void checkNotDefined(Token name) {
        GateSymbol existing = gates.get(name.text());
        if (existing == null) return;
        String where = gateLines.containsKey(name.text()) ? "at line " + gateLines.get(name.text())
                : "in " + QELIB1;
        throw in.error(name, "gate '" + name.text() + "' is already defined " + where);
    }

    /** {@code ( a, b, … )}, possibly empty. */
    private List<String> formalParameters() {
        in.expect(Token.Kind.LPAREN, "'('");
        if (in.accept(Token.Kind.RPAREN)) return List.of();
        List<String> names = identifierList("parameter");
        in.expect(Token.Kind.RPAREN, "')' after the parameter names");
        return names;
    }

    /** One or more distinct names separated by commas. */
    private List<String> identifierList(String what) {
        List<String> names = new ArrayList<>();
        do {
            Token t = declaredName(what);
            if (names.contains(t.text())) throw in.error(t, what + " '" + t.text() + "' is listed twice");
            names.add(t.text());
        } while (in.accept(Token.Kind.COMMA));
        return names;
    }

    private GateSymbol.BodyStep bodyStatement(String gateName, List<String> params, List<String> qubits) {
        Token t = in.peek();
        if (!t.is(Token.Kind.IDENTIFIER)) {
            throw in.error(t, "expected a gate application, 'barrier' or '}' in the body of gate " + gateName
                    + " but found " + t.describe());
        }
        if (t.isWord("barrier")) {
            in.next();
            int[] args = bodyArguments(gateName, qubits, false);
            in.expect(Token.Kind.SEMICOLON, "';' after barrier");
            return new GateSymbol.Barrier(args);
        }
        if (NOT_IN_GATE_BODY.contains(t.text())) {
            throw in.error(t, "'" + t.text() + "' is not allowed inside a gate body; only gate applications and barrier are");
        }
        in.next();
        GateSymbol callee = gates.get(t.text());
        if (callee == null) {
            if (t.text().equals(gateName)) {
                throw in.error(t, "gate " + gateName + " calls itself: recursive definitions are not allowed"
                        + " (a gate body can only use gates defined before it)");
            }
            throw in.error(t, undefinedGateMessage(t.text()) + " (a gate body can only use gates defined before it)");
        }
        List<Expr> args = new ArrayList<>();
        List<Token> sites = new ArrayList<>();
        if (in.accept(Token.Kind.LPAREN)) {
            if (!in.accept(Token.Kind.RPAREN)) {
                do {
                    sites.add(in.peek());
                    args.add(new ExpressionParser(in, params, limits.maxNesting()).expression());
                } while (in.accept(Token.Kind.COMMA));
                in.expect(Token.Kind.RPAREN, "')' or ',' in the parameter list");
            }
        }
        checkParamCount(callee, args.size(), t);
        int[] qs = bodyArguments(gateName, qubits, true);
        checkQubitCount(callee, qs.length, t);
        in.expect(Token.Kind.SEMICOLON, "';' after the gate application");
        return new GateSymbol.Call(callee, List.copyOf(args), List.copyOf(sites), qs);
    }

    /** Qubit names inside a gate body, as indices into the formal qubit list. */
    private int[] bodyArguments(String gateName, List<String> qubits, boolean distinct) {
        List<Integer> idx = new ArrayList<>();
        do {
            Token t = in.peek();
            if (!t.is(Token.Kind.IDENTIFIER)) {
                throw in.error(t, "expected a qubit argument of gate " + gateName + " but found " + t.describe());
            }
            in.next();
            int i = qubits.indexOf(t.text());
            if (i < 0) {
                throw in.error(t, "'" + t.text() + "' is not a qubit argument of gate " + gateName
                        + " (its qubits are " + String.join(", ", qubits) + ")");
            }
            if (in.peek().is(Token.Kind.LBRACKET)) {
                throw in.error(in.peek(), "qubit arguments cannot be indexed inside a gate body");
            }
            if (idx.contains(i)) {
                if (distinct) throw in.error(t, "qubit '" + t.text() + "' is used twice in one gate application");
            } else {
                idx.add(i);
            }
        } while (in.accept(Token.Kind.COMMA));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- quantum operations in the main program ----

    /** {@code if (c == n) op} where op is a gate application, measure or reset. */
    private void conditional() {
        in.next();
        in.expect(Token.Kind.LPAREN, "'(' after if");
        Token name = in.expect(Token.Kind.IDENTIFIER, "a classical register name");
        Register reg = registers.get(name.text());
        if (reg == null) throw in.error(name, "classical register '" + name.text() + "' is not declared");
        if (reg.kind() != Register.Kind.CLASSICAL) {
            throw in.error(name, "'" + name.text() + "' is a quantum register; if tests a classical register");
        }
        in.expect(Token.Kind.EQUALS, "'=='");
        Token value = in.expect(Token.Kind.INTEGER, "a non-negative integer to compare with");
        in.expect(Token.Kind.RPAREN, "')'");
        Token op = in.peek();
        if (!canFollowIf(op)) {
            throw in.error(op, "expected a gate application, measure or reset after if(...) but found " + op.describe());
        }
        quantumOperation(new Condition(builder.creg(reg.name()), conditionValue(value, reg)));
    }

    /**
     * The integer a register is compared with, of any size: registers may be wider than 64 bits.
     * A value wider than the register could never match and is refused, before reading a long
     * digit string into a number.
     */
    private BigInteger conditionValue(Token value, Register reg) {
        String digits = value.text().replaceFirst("^0+(?=.)", "");
        // a register of n bits holds values below 2^n, which have at most floor(n·log10 2) + 1 digits
        if (digits.length() > (long) (reg.size() * LOG10_2) + 1) {
            throw in.error(value, "register " + reg.name() + " has " + reg.size() + " bit" + (reg.size() == 1 ? "" : "s")
                    + ", so it can never equal a " + digits.length() + "-digit number");
        }
        BigInteger v = new BigInteger(digits);
        if (v.bitLength() > reg.size()) throw in.error(value, Condition.tooWide(reg, v));
        return v;
    }

    private static final double LOG10_2 = Math.log10(2);

    /** Only a gate application, measure or reset can be conditioned (not barrier or a declaration). */
    private static boolean canFollowIf(Token t) {
        if (!t.is(Token.Kind.IDENTIFIER)) return false;
        if (t.isWord("measure") || t.isWord("reset")) return true;
        return !t.isWord("barrier") && !NOT_IN_GATE_BODY.contains(t.text());
    }

    private void quantumOperation(Condition condition) {
        Token t = in.peek();
        if (t.isWord("measure")) measure(condition);
        else if (t.isWord("reset")) reset(condition);
        else gateApplication(condition);
    }

    private void measure(Condition condition) {
        Token keyword = in.next();
        Argument q = argument(Register.Kind.QUANTUM);
        in.expect(Token.Kind.ARROW, "'->' after the measured qubit");
        Argument c = argument(Register.Kind.CLASSICAL);
        in.expect(Token.Kind.SEMICOLON, "';' after measure");
        if (q.isWhole() != c.isWhole()) {
            throw in.error(c.at(), "measure needs a qubit and a bit, or two whole registers; got "
                    + q.describe() + " -> " + c.describe());
        }
        if (q.isWhole() && q.register().size() != c.register().size()) {
            throw in.error(c.at(), "cannot measure " + q.describe() + " (" + q.register().size() + " qubits) into "
                    + c.describe() + " (" + c.register().size() + " bits): sizes differ");
        }
        int n = q.isWhole() ? q.register().size() : 1;
        for (int i = 0; i < n; i++) {
            expander.add(new Operation.Measure(q.bit(i), c.bit(i), condition), keyword);
        }
    }

    private void reset(Condition condition) {
        Token keyword = in.next();
        Argument q = argument(Register.Kind.QUANTUM);
        in.expect(Token.Kind.SEMICOLON, "';' after reset");
        int n = q.isWhole() ? q.register().size() : 1;
        for (int i = 0; i < n; i++) expander.add(new Operation.Reset(q.bit(i), condition), keyword);
    }

    private void barrier() {
        Token keyword = in.next();
        List<Integer> qubits = new ArrayList<>();
        do {
            Argument a = argument(Register.Kind.QUANTUM);
            int n = a.isWhole() ? a.register().size() : 1;
            for (int i = 0; i < n; i++) {
                if (!qubits.contains(a.bit(i))) qubits.add(a.bit(i));
            }
        } while (in.accept(Token.Kind.COMMA));
        in.expect(Token.Kind.SEMICOLON, "';' after barrier");
        expander.barrier(qubits.stream().mapToInt(Integer::intValue).toArray(), keyword);
    }

    private void gateApplication(Condition condition) {
        Token name = in.next();
        if (!name.is(Token.Kind.IDENTIFIER)) throw in.error(name, "expected a statement but found " + name.describe());
        GateSymbol gate = gates.get(name.text());
        if (gate == null) throw in.error(name, undefinedGateMessage(name.text()));
        List<Expr> params = new ArrayList<>();
        List<Token> paramAt = new ArrayList<>();
        if (in.accept(Token.Kind.LPAREN)) {
            if (!in.accept(Token.Kind.RPAREN)) {
                do {
                    paramAt.add(in.peek());
                    params.add(new ExpressionParser(in, List.of(), symbols, limits.maxNesting()).expression());
                } while (in.accept(Token.Kind.COMMA));
                in.expect(Token.Kind.RPAREN, "')' or ',' in the parameter list");
            }
        }
        checkParamCount(gate, params.size(), name);
        List<Argument> args = new ArrayList<>();
        do {
            args.add(argument(Register.Kind.QUANTUM));
        } while (in.accept(Token.Kind.COMMA));
        checkQubitCount(gate, args.size(), name);
        in.expect(Token.Kind.SEMICOLON, "';' after the gate application");

        // Broadcast: whole registers (all of one size) run in parallel, single qubits repeat.
        Argument sized = null;
        for (Argument a : args) {
            if (!a.isWhole()) continue;
            if (sized == null) {
                sized = a;
            } else if (a.register().size() != sized.register().size()) {
                throw in.error(a.at(), "register " + a.describe() + " has " + a.register().size() + " qubits but "
                        + sized.describe() + " has " + sized.register().size() + "; registers in one gate application must have equal size");
            }
        }
        int n = sized == null ? 1 : sized.register().size();
        boolean symbolic = params.stream().anyMatch(Expr::hasSymbols);
        double[] values = symbolic ? null : params.stream().mapToDouble(e -> e.eval(new double[0])).toArray();
        for (int i = 0; values != null && i < values.length; i++) {
            // reported at the expression itself: a long statement may have several
            if (!Double.isFinite(values[i])) {
                throw in.error(paramAt.get(i), "parameter " + (i + 1) + " of " + name.text() + " evaluates to " + values[i]);
            }
        }
        Expression[] angles = !symbolic ? null : params.stream().map(e -> e.symbolic(new Expression[0])).toArray(Expression[]::new);
        for (int i = 0; i < n; i++) {
            int[] qubits = new int[args.size()];
            for (int j = 0; j < qubits.length; j++) {
                qubits[j] = args.get(j).bit(i);
                for (int k = 0; k < j; k++) {
                    if (qubits[k] == qubits[j]) {
                        throw in.error(args.get(j).at(), "qubit " + args.get(j).describe(i) + " is used twice in one application of "
                                + name.text() + " (gate arguments must be distinct)");
                    }
                }
            }
            if (symbolic) expander.applySymbolic(gate, angles, qubits, condition, name);
            else expander.apply(gate, values, qubits, condition, name);
        }
    }

    private String undefinedGateMessage(String name) {
        String msg = "gate '" + name + "' is not defined";
        if (!qelib1Included && Gates.lookup(name).isPresent()) msg += "; it is in qelib1.inc: add include \"qelib1.inc\";";
        return msg;
    }

    private void checkParamCount(GateSymbol gate, int given, Token at) {
        if (given != gate.paramCount()) {
            throw in.error(at, "gate " + gate.name() + " takes " + gate.paramCount() + " parameter(s) but "
                    + given + " " + (given == 1 ? "was" : "were") + " given");
        }
    }

    private void checkQubitCount(GateSymbol gate, int given, Token at) {
        if (given != gate.qubitCount()) {
            throw in.error(at, "gate " + gate.name() + " acts on " + gate.qubitCount() + " qubit(s) but "
                    + given + " " + (given == 1 ? "was" : "were") + " given");
        }
    }

    // ---- arguments and names ----

    /** A register, or one element of it ({@code index} ≥ 0). */
    private record Argument(Register register, int index, Token at) {
        boolean isWhole() { return index < 0; }

        /** Flat bit of this argument in broadcast step {@code i}. */
        int bit(int i) { return register.offset() + (isWhole() ? i : index); }

        String describe() { return isWhole() ? register.name() : register.name() + "[" + index + "]"; }

        String describe(int i) { return register.name() + "[" + (isWhole() ? i : index) + "]"; }
    }

    private Argument argument(Register.Kind kind) {
        String what = kind == Register.Kind.QUANTUM ? "quantum" : "classical";
        Token name = in.peek();
        if (!name.is(Token.Kind.IDENTIFIER)) {
            throw in.error(name, "expected a " + what + " register or bit but found " + name.describe());
        }
        in.next();
        Register reg = registers.get(name.text());
        if (reg == null) throw in.error(name, what + " register '" + name.text() + "' is not declared");
        if (reg.kind() != kind) {
            throw in.error(name, "'" + name.text() + "' is a " + (kind == Register.Kind.QUANTUM ? "classical" : "quantum")
                    + " register; expected a " + what + " one");
        }
        if (!in.accept(Token.Kind.LBRACKET)) return new Argument(reg, -1, name);
        Token index = in.expect(Token.Kind.INTEGER, "an index (a non-negative integer)");
        in.expect(Token.Kind.RBRACKET, "']'");
        long i = integerValue(index);
        if (i >= reg.size()) {
            throw in.error(index, "index " + index.text() + " is out of range for " + name.text() + "[" + reg.size()
                    + "] (valid indices are 0 to " + (reg.size() - 1) + ")");
        }
        return new Argument(reg, (int) i, name);
    }

    /** A name being declared: an identifier, not reserved, starting with a lowercase letter. */
    private Token declaredName(String what) {
        Token t = in.peek();
        if (!t.is(Token.Kind.IDENTIFIER)) throw in.error(t, "expected a " + what + " name but found " + t.describe());
        if (RESERVED.contains(t.text())) throw in.error(t, "'" + t.text() + "' is a reserved word and cannot name a " + what);
        char c = t.text().charAt(0);
        if (c < 'a' || c > 'z') {
            throw in.error(t, what + " name '" + t.text() + "' must start with a lowercase letter");
        }
        return in.next();
    }

    private long integerValue(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw in.error(t, "integer " + t.text() + " is too large");
        }
    }
}
