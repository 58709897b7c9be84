package org.qise.circuit;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.qise.param.Expression;

/**
 * The gate library: every gate of OpenQASM 2.0's {@code qelib1.inc} in its extended (Qiskit)
 * form, the built-ins {@code U} and {@code CX}, arbitrary unitaries and controlled gates.
 *
 * <p>Conventions (the same as Qiskit's, so state vectors agree with Qiskit Aer to the phase):
 * <ul>
 *   <li>U(θ,φ,λ) = [[cos(θ/2), −e^{iλ}·sin(θ/2)], [e^{iφ}·sin(θ/2), e^{i(φ+λ)}·cos(θ/2)]];
 *       u3 and u are U, u2(φ,λ) = U(π/2,φ,λ), u1(λ) = p(λ) = diag(1, e^{iλ}).</li>
 *   <li>rx, ry, rz, rxx, rzz are e^{−iθ/2·P}; so rz(θ) = diag(e^{−iθ/2}, e^{iθ/2}).
 *       (qelib1 writes rz as u1, which differs by a global phase that OpenQASM 2 cannot observe.)</li>
 *   <li>Controlled gates carry their exact relative phases as qelib1 defines them: crz is
 *       controlled-rz (not controlled-u1), cu3 is controlled-U, cu(θ,φ,λ,γ) is controlled
 *       e^{iγ}·U(θ,φ,λ), and rccx / rc3x are the relative-phase Toffolis multiplied out from their
 *       qelib1 definitions.</li>
 * </ul>
 */
public final class Gates {
    private Gates() {}

    private static final double S2 = Math.sqrt(0.5);

    private static final Matrix I = Matrix.identity(2);
    private static final Matrix X = Matrix.ofRows(new double[]{0, 0, 1, 0}, new double[]{1, 0, 0, 0});
    private static final Matrix Y = Matrix.ofRows(new double[]{0, 0, 0, -1}, new double[]{0, 1, 0, 0});
    private static final Matrix Z = Matrix.ofRows(new double[]{1, 0, 0, 0}, new double[]{0, 0, -1, 0});
    private static final Matrix H = Matrix.ofRows(new double[]{S2, 0, S2, 0}, new double[]{S2, 0, -S2, 0});
    private static final Matrix SX = Matrix.ofRows(
            new double[]{0.5, 0.5, 0.5, -0.5}, new double[]{0.5, -0.5, 0.5, 0.5});
    private static final Matrix SWAP = Matrix.ofRows(
            new double[]{1, 0, 0, 0, 0, 0, 0, 0},
            new double[]{0, 0, 0, 0, 1, 0, 0, 0},
            new double[]{0, 0, 1, 0, 0, 0, 0, 0},
            new double[]{0, 0, 0, 0, 0, 0, 1, 0});

    // ---- matrices of the parameterised families ----

    /** U(θ,φ,λ) in the Qiskit / OpenQASM 3 convention (see class comment). */
    public static Matrix uMatrix(double theta, double phi, double lambda) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        return Matrix.ofRows(
                new double[]{c, 0, -Math.cos(lambda) * s, -Math.sin(lambda) * s},
                new double[]{Math.cos(phi) * s, Math.sin(phi) * s, Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c});
    }

    private static Matrix rxMatrix(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return Matrix.ofRows(new double[]{c, 0, 0, -s}, new double[]{0, -s, c, 0});
    }

    private static Matrix ryMatrix(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return Matrix.ofRows(new double[]{c, 0, -s, 0}, new double[]{s, 0, c, 0});
    }

    private static Matrix rzMatrix(double t) {
        return Matrix.diagonalPhases(-t / 2, t / 2);
    }

    private static Matrix phaseMatrix(double l) {
        return Matrix.diagonalPhases(0, l);
    }

    private static Matrix rxxMatrix(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return Matrix.ofRows(
                new double[]{c, 0, 0, 0, 0, 0, 0, -s},
                new double[]{0, 0, c, 0, 0, -s, 0, 0},
                new double[]{0, 0, 0, -s, c, 0, 0, 0},
                new double[]{0, -s, 0, 0, 0, 0, c, 0});
    }

    private static Matrix rzzMatrix(double t) {
        return Matrix.diagonalPhases(-t / 2, t / 2, t / 2, -t / 2);
    }

    // ---- factories: one per qelib1 gate ----

    private static Gate fixed(String name, int controls, Matrix m) {
        return new Gate(name, new double[0], controls, m);
    }

    public static Gate id() { return fixed("id", 0, I); }
    public static Gate x() { return fixed("x", 0, X); }
    public static Gate y() { return fixed("y", 0, Y); }
    public static Gate z() { return fixed("z", 0, Z); }
    public static Gate h() { return fixed("h", 0, H); }
    public static Gate s() { return fixed("s", 0, phaseMatrix(Math.PI / 2)); }
    public static Gate sdg() { return fixed("sdg", 0, phaseMatrix(-Math.PI / 2)); }
    public static Gate t() { return fixed("t", 0, phaseMatrix(Math.PI / 4)); }
    public static Gate tdg() { return fixed("tdg", 0, phaseMatrix(-Math.PI / 4)); }
    public static Gate sx() { return fixed("sx", 0, SX); }
    public static Gate sxdg() { return fixed("sxdg", 0, SX.dagger()); }

    public static Gate rx(double theta) { return new Gate("rx", new double[]{theta}, 0, rxMatrix(theta)); }
    public static Gate ry(double theta) { return new Gate("ry", new double[]{theta}, 0, ryMatrix(theta)); }
    public static Gate rz(double theta) { return new Gate("rz", new double[]{theta}, 0, rzMatrix(theta)); }
    public static Gate p(double lambda) { return new Gate("p", new double[]{lambda}, 0, phaseMatrix(lambda)); }
    public static Gate u1(double lambda) { return new Gate("u1", new double[]{lambda}, 0, phaseMatrix(lambda)); }
    public static Gate u0(double gamma) { return new Gate("u0", new double[]{gamma}, 0, I); }

    public static Gate u2(double phi, double lambda) {
        return new Gate("u2", new double[]{phi, lambda}, 0, uMatrix(Math.PI / 2, phi, lambda));
    }

    public static Gate u3(double theta, double phi, double lambda) {
        return new Gate("u3", new double[]{theta, phi, lambda}, 0, uMatrix(theta, phi, lambda));
    }

    public static Gate u(double theta, double phi, double lambda) {
        return new Gate("u", new double[]{theta, phi, lambda}, 0, uMatrix(theta, phi, lambda));
    }

    /** OpenQASM's built-in {@code U}. */
    public static Gate builtinU(double theta, double phi, double lambda) {
        return new Gate("U", new double[]{theta, phi, lambda}, 0, uMatrix(theta, phi, lambda));
    }

    /** OpenQASM's built-in {@code CX}. */
    public static Gate builtinCX() { return fixed("CX", 1, X); }

    public static Gate cx() { return fixed("cx", 1, X); }
    public static Gate cy() { return fixed("cy", 1, Y); }
    public static Gate cz() { return fixed("cz", 1, Z); }
    public static Gate ch() { return fixed("ch", 1, H); }
    public static Gate csx() { return fixed("csx", 1, SX); }
    public static Gate swap() { return fixed("swap", 0, SWAP); }
    public static Gate ccx() { return fixed("ccx", 2, X); }
    public static Gate cswap() { return fixed("cswap", 1, SWAP); }
    public static Gate c3x() { return fixed("c3x", 3, X); }
    public static Gate c3sqrtx() { return fixed("c3sqrtx", 3, SX); }
    public static Gate c4x() { return fixed("c4x", 4, X); }

    public static Gate crx(double theta) { return new Gate("crx", new double[]{theta}, 1, rxMatrix(theta)); }
    public static Gate cry(double theta) { return new Gate("cry", new double[]{theta}, 1, ryMatrix(theta)); }
    public static Gate crz(double theta) { return new Gate("crz", new double[]{theta}, 1, rzMatrix(theta)); }
    public static Gate cp(double lambda) { return new Gate("cp", new double[]{lambda}, 1, phaseMatrix(lambda)); }
    public static Gate cu1(double lambda) { return new Gate("cu1", new double[]{lambda}, 1, phaseMatrix(lambda)); }

    public static Gate cu3(double theta, double phi, double lambda) {
        return new Gate("cu3", new double[]{theta, phi, lambda}, 1, uMatrix(theta, phi, lambda));
    }

    /** Controlled e^{iγ}·U(θ,φ,λ): γ is a phase on the target that the control makes observable. */
    public static Gate cu(double theta, double phi, double lambda, double gamma) {
        return new Gate("cu", new double[]{theta, phi, lambda, gamma}, 1, uMatrix(theta, phi, lambda).timesPhase(gamma));
    }

    public static Gate rxx(double theta) { return new Gate("rxx", new double[]{theta}, 0, rxxMatrix(theta)); }
    public static Gate rzz(double theta) { return new Gate("rzz", new double[]{theta}, 0, rzzMatrix(theta)); }

    /** Relative-phase Toffoli (Margolus), as qelib1's rccx definition multiplies out. */
    public static Gate rccx() { return fixed("rccx", 0, RCCX); }

    /** Relative-phase 3-controlled X, as qelib1's rc3x definition multiplies out. */
    public static Gate rc3x() { return fixed("rc3x", 0, RC3X); }

    /** An arbitrary unitary on matrix.qubits() qubits (checked to be unitary to 1e-9). */
    public static Gate unitary(Matrix matrix) {
        double err = matrix.unitarityError();
        if (err > 1e-9) throw new IllegalArgumentException("matrix is not unitary (|U·U† − I| = " + err + ")");
        return new Gate("unitary", new double[0], 0, matrix);
    }

    // ---- parametric gates ----

    /**
     * The library gate {@code name} with angles that may name circuit parameters, e.g.
     * {@code parametric("rx", Param.of("theta").times(2))}. When every angle is a constant this
     * is the ordinary gate; otherwise a {@linkplain Gate#isParametric parametric} one that must
     * be bound before it runs.
     *
     * @throws IllegalArgumentException for a name outside the library or a wrong angle count
     */
    public static Gate parametric(String name, Expression... angles) {
        Definition d = lookup(name).orElseThrow(() -> new IllegalArgumentException("no library gate called '" + name + "'"));
        double[] values = new double[angles.length];
        boolean symbolic = false;
        for (int i = 0; i < angles.length; i++) {
            if (angles[i] instanceof Expression.Constant c) {
                values[i] = c.value();
            } else {
                values[i] = Double.NaN; // never simulated: Simulator refuses unbound circuits
                symbolic = true;
            }
        }
        Gate numeric = d.create(values);
        return symbolic ? new Gate(numeric, angles) : numeric;
    }

    /**
     * A parametric gate with more controls: the qelib1 gate where there is one (rx → crx, u3 →
     * cu3, p → cp), else a {@linkplain Gate.Derivation derived} gate whose controlled matrix is
     * built when it is bound.
     */
    static Gate parametricControlled(Gate g, int extra) {
        Expression[] angles = g.expressions().toArray(Expression[]::new);
        if (g.derivation() == null) {
            String name = controlledName(g.name(), extra);
            Definition d = LIBRARY.get(name);
            if (d != null && d.params() == g.paramCount() && d.create(new double[g.paramCount()]).controls() == g.controls() + extra) {
                return parametric(name, angles);
            }
        }
        Gate.Derivation base = derivationOf(g);
        return derived(new Gate.Derivation((extra == 1 ? "ctrl @ " : "ctrl(" + extra + ") @ ") + base.written(),
                v -> base.recipe().apply(v).controlled(extra),
                base.form() == null ? null : new Gate.Derivation.Form.Controlled(base.form(), extra)), angles);
    }

    /** The inverse of a parametric gate: its conjugate transpose, built when it is bound. */
    static Gate parametricInverse(Gate g) {
        Gate.Derivation base = derivationOf(g);
        return derived(new Gate.Derivation("inv @ " + base.written(), v -> base.recipe().apply(v).inverse(),
                        base.form() == null ? null : new Gate.Derivation.Form.Inverse(base.form())),
                g.expressions().toArray(Expression[]::new));
    }

    private static Gate.Derivation derivationOf(Gate g) {
        if (g.derivation() != null) return g.derivation();
        Definition d = LIBRARY.get(g.name());
        return new Gate.Derivation(g.name(), d::create, new Gate.Derivation.Form.Library(g.name()));
    }

    /**
     * A gate whose angles may name parameters and whose matrix {@code derivation} builds from
     * their values: the built gate itself when every angle is a constant, else a parametric gate
     * holding NaN (shaped like the gate built at zero for the symbolic angles) until it is bound.
     */
    public static Gate derived(Gate.Derivation derivation, Expression... angles) {
        double[] values = new double[angles.length];
        double[] sample = new double[angles.length];
        boolean symbolic = false;
        for (int i = 0; i < angles.length; i++) {
            if (angles[i] instanceof Expression.Constant c) {
                values[i] = sample[i] = c.value();
            } else {
                values[i] = Double.NaN;
                symbolic = true;
            }
        }
        Gate shape = derivation.recipe().apply(sample);
        if (!symbolic) return shape;
        int dim = shape.targetMatrix().dim();
        double[] nan = new double[dim * dim];
        Arrays.fill(nan, Double.NaN);
        return new Gate(derivation.written(), values, shape.controls(), Matrix.of(dim, nan, nan), angles, derivation);
    }

    // rccx a,b,c = h c; t c; cx b,c; tdg c; cx a,c; t c; cx b,c; tdg c; h c  (u2(0,π) = H, u1(π/4) = T)
    private static final Matrix RCCX = product(3, new Object[][]{
            {h(), 2}, {t(), 2}, {cx(), 1, 2}, {tdg(), 2}, {cx(), 0, 2},
            {t(), 2}, {cx(), 1, 2}, {tdg(), 2}, {h(), 2}});

    private static final Matrix RC3X = product(4, new Object[][]{
            {h(), 3}, {t(), 3}, {cx(), 2, 3}, {tdg(), 3}, {h(), 3},
            {cx(), 0, 3}, {t(), 3}, {cx(), 1, 3}, {tdg(), 3}, {cx(), 0, 3}, {t(), 3}, {cx(), 1, 3}, {tdg(), 3},
            {h(), 3}, {t(), 3}, {cx(), 2, 3}, {tdg(), 3}, {h(), 3}});

    /** Multiplies out a short gate sequence on n qubits: each row is {gate, qubit, qubit, …}. */
    private static Matrix product(int n, Object[][] sequence) {
        Matrix m = Matrix.identity(1 << n);
        for (Object[] step : sequence) {
            Gate g = (Gate) step[0];
            int[] qs = new int[step.length - 1];
            for (int k = 1; k < step.length; k++) qs[k - 1] = (Integer) step[k];
            m = g.matrix().embed(n, qs).times(m);
        }
        return m;
    }

    // ---- lookup by OpenQASM name ----

    /** A library gate as OpenQASM knows it: its name, parameter count, qubit count and factory. */
    public record Definition(String name, int params, int qubits, Function<double[], Gate> factory) {
        public Gate create(double... values) {
            if (values.length != params) {
                throw new IllegalArgumentException(name + " takes " + params + " parameter(s), got " + values.length);
            }
            return factory.apply(values);
        }
    }

    private static final Map<String, Definition> LIBRARY = new LinkedHashMap<>();

    private static void def(String name, int params, int qubits) {
        LIBRARY.put(name, new Definition(name, params, qubits, new Factory(name)));
    }

    /**
     * Makes a library gate from its angles, by name. One class with a switch rather than a
     * lambda per gate: each lambda is a class the JVM spins at start-up (44 of them, every run),
     * which the start-up cache cannot hold while the command runs with --add-modules.
     */
    private record Factory(String name) implements Function<double[], Gate> {
        @Override
        public Gate apply(double[] a) {
            return switch (name) {
                case "U" -> builtinU(a[0], a[1], a[2]);
                case "CX" -> builtinCX();
                case "u3" -> u3(a[0], a[1], a[2]);
                case "u2" -> u2(a[0], a[1]);
                case "u1" -> u1(a[0]);
                case "cx" -> cx();
                case "id" -> id();
                case "u0" -> u0(a[0]);
                case "u" -> u(a[0], a[1], a[2]);
                case "p" -> p(a[0]);
                case "x" -> x();
                case "y" -> y();
                case "z" -> z();
                case "h" -> h();
                case "s" -> s();
                case "sdg" -> sdg();
                case "t" -> t();
                case "tdg" -> tdg();
                case "rx" -> rx(a[0]);
                case "ry" -> ry(a[0]);
                case "rz" -> rz(a[0]);
                case "sx" -> sx();
                case "sxdg" -> sxdg();
                case "cz" -> cz();
                case "cy" -> cy();
                case "swap" -> swap();
                case "ch" -> ch();
                case "ccx" -> ccx();
                case "cswap" -> cswap();
                case "crx" -> crx(a[0]);
                case "cry" -> cry(a[0]);
                case "crz" -> crz(a[0]);
                case "cu1" -> cu1(a[0]);
                case "cp" -> cp(a[0]);
                case "cu3" -> cu3(a[0], a[1], a[2]);
                case "csx" -> csx();
                case "cu" -> cu(a[0], a[1], a[2], a[3]);
                case "rxx" -> rxx(a[0]);
                case "rzz" -> rzz(a[0]);
                case "rccx" -> rccx();
                case "rc3x" -> rc3x();
                case "c3x" -> c3x();
                case "c3sqrtx" -> c3sqrtx();
                case "c4x" -> c4x();
                default -> throw new IllegalStateException("no factory for library gate " + name);
            };
        }
    }

    static {
        def("U", 3, 1);
        def("CX", 0, 2);
        def("u3", 3, 1);
        def("u2", 2, 1);
        def("u1", 1, 1);
        def("cx", 0, 2);
        def("id", 0, 1);
        def("u0", 1, 1);
        def("u", 3, 1);
        def("p", 1, 1);
        def("x", 0, 1);
        def("y", 0, 1);
        def("z", 0, 1);
        def("h", 0, 1);
        def("s", 0, 1);
        def("sdg", 0, 1);
        def("t", 0, 1);
        def("tdg", 0, 1);
        def("rx", 1, 1);
        def("ry", 1, 1);
        def("rz", 1, 1);
        def("sx", 0, 1);
        def("sxdg", 0, 1);
        def("cz", 0, 2);
        def("cy", 0, 2);
        def("swap", 0, 2);
        def("ch", 0, 2);
        def("ccx", 0, 3);
        def("cswap", 0, 3);
        def("crx", 1, 2);
        def("cry", 1, 2);
        def("crz", 1, 2);
        def("cu1", 1, 2);
        def("cp", 1, 2);
        def("cu3", 3, 2);
        def("csx", 0, 2);
        def("cu", 4, 2);
        def("rxx", 1, 2);
        def("rzz", 1, 2);
        def("rccx", 0, 3);
        def("rc3x", 0, 4);
        def("c3x", 0, 4);
        def("c3sqrtx", 0, 4);
        def("c4x", 0, 5);
    }

    /** The library gate with this OpenQASM name ({@code U} and {@code CX} included), if any. */
    public static Optional<Definition> lookup(String name) {
        return Optional.ofNullable(LIBRARY.get(name));
    }

    /** All library gates by name, in qelib1 order after the built-ins. */
    public static Map<String, Definition> library() {
        return Collections.unmodifiableMap(LIBRARY);
    }

    /** Whether this gate is exactly what its library name creates (so OpenQASM can name it). */
    public static boolean isLibraryGate(Gate g) {
        Definition d = LIBRARY.get(g.name());
        return d != null && d.params() == g.paramCount() && d.create(g.params()).equals(g);
    }

    // ---- names of derived gates ----

    private record Controlled(String base, int controls) {}

    private static final Map<String, Controlled> CONTROLLED_NAMES = Map.ofEntries(
            Map.entry("cx", new Controlled("x", 1)), Map.entry("ccx", new Controlled("x", 2)),
            Map.entry("c3x", new Controlled("x", 3)), Map.entry("c4x", new Controlled("x", 4)),
            Map.entry("cy", new Controlled("y", 1)), Map.entry("cz", new Controlled("z", 1)),
            Map.entry("ch", new Controlled("h", 1)), Map.entry("csx", new Controlled("sx", 1)),
            Map.entry("c3sqrtx", new Controlled("sx", 3)), Map.entry("cswap", new Controlled("swap", 1)),
            Map.entry("crx", new Controlled("rx", 1)), Map.entry("cry", new Controlled("ry", 1)),
            Map.entry("crz", new Controlled("rz", 1)), Map.entry("cp", new Controlled("p", 1)),
            Map.entry("cu1", new Controlled("u1", 1)), Map.entry("cu3", new Controlled("u3", 1)));

    /** The name of {@code name} with {@code extra} more controls: a qelib1 name where one exists. */
    static String controlledName(String name, int extra) {
        Controlled c = parseControlled(name);
        int total = c.controls() + extra;
        for (Map.Entry<String, Controlled> e : CONTROLLED_NAMES.entrySet()) {
            if (e.getValue().base().equals(c.base()) && e.getValue().controls() == total) return e.getKey();
        }
        String generic = total == 1 ? "c" + c.base() : "c" + total + "_" + c.base();
        // "cu" is qelib1's four-parameter gate, not a controlled u: never reuse a library name.
        return LIBRARY.containsKey(generic) ? "c" + total + "_" + c.base() : generic;
    }

    /** How many controls a gate name says it has, and of what: cx → (x, 1), c3_h → (h, 3), cunitary → (unitary, 1). */
    private static Controlled parseControlled(String name) {
        Controlled known = CONTROLLED_NAMES.get(name);
        if (known != null) return known;
        if (LIBRARY.containsKey(name)) return new Controlled(name, 0);
        var numbered = java.util.regex.Pattern.compile("c(\\d+)_(.+)").matcher(name);
        if (numbered.matches()) return new Controlled(numbered.group(2), Integer.parseInt(numbered.group(1)));
        String rest = name.startsWith("c") ? name.substring(1) : "";
        if (LIBRARY.containsKey(rest) || rest.equals("unitary")) return new Controlled(rest, 1);
        return new Controlled(name, 0);
    }

    /** The inverse: a library gate where one exists, else the conjugate transpose named "…_dg". */
    static Gate inverse(Gate g) {
        if (g.isParametric()) return parametricInverse(g);
        double[] a = g.params();
        // Only consult the table when g really is that library gate: a derived gate can carry a
        // library name with another parameter count (u with one control is named "cu" but has
        // three parameters, where qelib1's cu has four).
        Gate base = !isLibraryGate(g) ? null : switch (g.name()) {
            case "id", "x", "y", "z", "h", "swap", "cx", "CX", "cy", "cz", "ch", "ccx", "cswap", "c3x", "c4x" -> g;
            case "s" -> sdg();
            case "sdg" -> s();
            case "t" -> tdg();
            case "tdg" -> t();
            case "sx" -> sxdg();
            case "sxdg" -> sx();
            case "rx" -> rx(-a[0]);
            case "ry" -> ry(-a[0]);
            case "rz" -> rz(-a[0]);
            case "p" -> p(-a[0]);
            case "u1" -> u1(-a[0]);
            case "u0" -> g;
            case "u3" -> u3(-a[0], -a[2], -a[1]);
            case "u" -> u(-a[0], -a[2], -a[1]);
            case "U" -> builtinU(-a[0], -a[2], -a[1]);
            case "crx" -> crx(-a[0]);
            case "cry" -> cry(-a[0]);
            case "crz" -> crz(-a[0]);
            case "cp" -> cp(-a[0]);
            case "cu1" -> cu1(-a[0]);
            case "cu3" -> cu3(-a[0], -a[2], -a[1]);
            case "cu" -> cu(-a[0], -a[2], -a[1], -a[3]);
            case "rxx" -> rxx(-a[0]);
            case "rzz" -> rzz(-a[0]);
            default -> null;
        };
        if (base != null) return base;
        String name = g.name().endsWith("_dg") ? g.name().substring(0, g.name().length() - 3) : g.name() + "_dg";
        return new Gate(name, a, g.controls(), g.targetMatrix().dagger());
    }
}
