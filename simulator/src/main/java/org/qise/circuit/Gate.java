package org.qise.circuit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.qise.param.Expression;
import org.qise.param.UnboundParameterException;

/**
 * A unitary gate: a name, its parameters, and the unitary it applies.
 *
 * <p>A gate may carry controls: the first {@link #controls()} qubits of an application are
 * controls (the gate acts only where all of them are 1) and the rest are targets, on which
 * {@link #targetMatrix()} acts. {@code cx} is X with one control, {@code ccx} X with two.
 * Keeping controls apart from the target matrix lets engines skip the untouched amplitudes.
 *
 * <p>Qubit order inside a gate follows {@link Matrix}: the j-th listed qubit is bit j.
 * Instances are immutable; create them through {@link Gates}.
 *
 * <p>A <em>parametric</em> gate (from {@link Gates#parametric}) has angles that name circuit
 * parameters ({@code rx(2*theta)}); until it is {@linkplain #bind bound} its numeric parameters
 * and matrix hold NaN where an angle is symbolic, so it must not be simulated.
 */
public final class Gate {
    private final String name;
    private final double[] params;
    private final int controls;
    private final Matrix target;
    /** The angles as written when some name a parameter; null for an ordinary gate. */
    private final Expression[] expressions;
    /** For a parametric gate that is not a plain library gate: how its matrix is built once bound; else null. */
    private final Derivation derivation;

    /**
     * How a parametric gate that is not a library gate (a library or user gate under {@code ctrl},
     * {@code negctrl}, {@code inv} or {@code pow}) becomes a gate once its angles have values. The
     * matrix cannot be written as a function of the parameters in closed form in general (a
     * fractional power, say), so it is rebuilt from the bound numbers each time.
     *
     * @param written the gate as an OpenQASM 3 call up to its angle list, e.g. {@code "ctrl(2) @ rx"}
     * @param recipe  the gate for given angle values (one per angle, in order)
     */
    public record Derivation(String written, java.util.function.Function<double[], Gate> recipe, Form form) {

        /** A derivation whose structure is not known (gradients refuse its gate). */
        public Derivation(String written, java.util.function.Function<double[], Gate> recipe) {
            this(written, recipe, null);
        }

        /**
         * What the recipe builds, as far as gradients need to know it: a library gate under
         * modifiers. Each step keeps or transforms the target matrix in a way whose derivative is
         * known exactly (controls leave it alone, inv takes its adjoint, pow(k) its k-th power on
         * the principal branch), so the derived gate can be differentiated without differences.
         */
        public sealed interface Form {
            /** The library gate {@code name} at the gate's angles. */
            record Library(String name) implements Form {}
            /** {@code base} with {@code n} more controls ({@code ctrl} or {@code negctrl}: the target matrix is the same). */
            record Controlled(Form base, int n) implements Form {}
            /** The conjugate transpose of {@code base}'s target matrix. */
            record Inverse(Form base) implements Form {}
            /** {@code base}'s target matrix to the real power {@code k} (principal branch). */
            record Power(Form base, double k) implements Form {}
        }
    }

    /**
     * @param name     the OpenQASM name when the gate is in qelib1 (e.g. {@code "cu3"}), else a
     *                 descriptive name such as {@code "unitary"}
     * @param params   the gate's parameters, as written (angles in radians)
     * @param controls how many leading qubits are controls
     * @param target   the unitary applied to the target qubits when all controls are 1
     */
    public Gate(String name, double[] params, int controls, Matrix target) {
        this.name = Objects.requireNonNull(name);
        this.params = params.clone();
        if (controls < 0) throw new IllegalArgumentException("negative control count");
        this.controls = controls;
        this.target = Objects.requireNonNull(target);
        this.expressions = null;
        this.derivation = null;
    }

    /** A parametric gate: {@code template} evaluated with NaN for the symbolic angles, and the angles. */
    Gate(Gate template, Expression[] expressions) {
        this.name = template.name;
        this.params = template.params;
        this.controls = template.controls;
        this.target = template.target;
        this.expressions = expressions.clone();
        this.derivation = null;
    }

    /** A derived parametric gate: shape from {@code template}, NaN in the symbolic parameters and the matrix. */
    Gate(String name, double[] params, int controls, Matrix target, Expression[] expressions, Derivation derivation) {
        this.name = name;
        this.params = params.clone();
        this.controls = controls;
        this.target = target;
        this.expressions = expressions.clone();
        this.derivation = Objects.requireNonNull(derivation);
    }

    /** How this parametric gate is built when bound, when it is not a library gate (see {@link Derivation}); else null. */
    public Derivation derivation() { return derivation; }

    /** Whether some angle names a circuit parameter (the gate needs {@link #bind} before it can run). */
    public boolean isParametric() { return expressions != null; }

    /** The angles as expressions (constants for an ordinary gate). */
    public List<Expression> expressions() {
        if (expressions != null) return List.of(expressions);
        return Arrays.stream(params).mapToObj(Expression::constant).toList();
    }

    /** The parameter names the angles use, in order of appearance (empty for an ordinary gate). */
    public Set<String> parameterNames() {
        var names = new java.util.LinkedHashSet<String>();
        if (expressions != null) for (Expression e : expressions) e.collect(names);
        return names;
    }

    /**
     * This gate with the named parameters replaced by values: an ordinary gate when every angle
     * becomes a number (identical to the one {@link Gates} creates), else a parametric gate with
     * fewer parameters. Only the gate's own matrix is recomputed.
     */
    public Gate bind(Map<String, Double> values) {
        if (expressions == null) return this;
        try {
            double[] v = new double[expressions.length];
            for (int i = 0; i < v.length; i++) v[i] = expressions[i].evaluate(values);
            return derivation != null ? derivation.recipe().apply(v) : Gates.lookup(name).orElseThrow().create(v);
        } catch (UnboundParameterException partial) {
            // some parameter has no value: substitute what is known below
        }
        Expression[] e = new Expression[expressions.length];
        for (int i = 0; i < e.length; i++) e[i] = expressions[i].substitute(values);
        return derivation != null ? Gates.derived(derivation, e) : Gates.parametric(name, e);
    }

    public String name() { return name; }

    /** A copy of the parameters. */
    public double[] params() { return params.clone(); }

    public int paramCount() { return params.length; }

    public double param(int i) { return params[i]; }

    /** Number of leading control qubits. */
    public int controls() { return controls; }

    /** Number of target qubits (those the target matrix acts on). */
    public int targets() { return target.qubits(); }

    /** Number of qubits the gate is applied to: controls plus targets. */
    public int qubits() { return controls + target.qubits(); }

    /** The unitary on the targets, applied where every control is 1. */
    public Matrix targetMatrix() { return target; }

    /** The full 2^qubits() unitary, controls as the low bits. */
    public Matrix matrix() { return target.controlled(controls); }

    /** This gate with {@code n} more controls in front (the new controls come first). */
    public Gate controlled(int n) {
        if (n < 0) throw new IllegalArgumentException("negative control count");
        if (n == 0) return this;
        if (expressions != null) return Gates.parametricControlled(this, n);
        return new Gate(Gates.controlledName(name, n), params, controls + n, target);
    }

    /** The inverse gate: a library gate where one exists (s → sdg, rx(θ) → rx(−θ)), else the conjugate transpose. */
    public Gate inverse() {
        return Gates.inverse(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gate g && g.name.equals(name) && Arrays.equals(g.params, params)
                && g.controls == controls && g.target.equals(target) && Arrays.equals(g.expressions, expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(params), controls);
    }

    @Override
    public String toString() {
        if (params.length == 0) return name;
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : ",").append(expressions != null ? expressions[i] : params[i]);
        return sb.append(')').toString();
    }
}
