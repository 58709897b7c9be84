package org.qise.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;

/**
 * Where noise goes in a circuit: channels after gates, readout errors on measurements, and
 * optionally a channel on every qubit left idle in a layer. Immutable; built with
 * {@link #builder()} or read from JSON by {@link NoiseModelJson}.
 *
 * <pre>{@code
 * NoiseModel m = NoiseModel.builder()
 *         .afterGates(Channels.depolarizing(0.001))               // every gate, every qubit it touches
 *         .afterGates(Channels.depolarizing2(0.01), "cx")         // every cx, on its two qubits
 *         .afterGatesOn(Channels.amplitudeDamping(0.02), List.of("x"), new int[]{3})
 *         .readout(ReadoutError.symmetric(0.02))                  // every measured qubit
 *         .build();
 * }</pre>
 *
 * <p>A gate rule matches a gate when the gate's name is among the rule's names (no names: any
 * gate) and, if the rule lists qubits, the gate's qubits are listed. A k-qubit channel follows a
 * k-qubit gate on the gate's qubits in the gate's order; a one-qubit channel follows a gate on
 * several qubits once on each of them (then each qubit must be listed). All matching rules
 * apply, in the order they were added. A conditioned gate's noise carries the same condition.
 */
public final class NoiseModel {

    /** Channel after gates named {@code gates} (empty: all gates), on {@code qubits} (empty: all). */
    public record GateRule(List<String> gates, List<int[]> qubits, Channel channel) {
        public GateRule {
            gates = List.copyOf(gates);
            qubits = qubits.stream().map(int[]::clone).toList();
        }

        boolean matchesName(String name) {
            return gates.isEmpty() || gates.contains(name);
        }

        boolean listed(int... tuple) {
            if (qubits.isEmpty()) return true;
            for (int[] q : qubits) if (Arrays.equals(q, tuple)) return true;
            return false;
        }
    }

    /** A readout error on {@code qubits} (empty: each measured qubit on its own; the error is then one-qubit). */
    public record ReadoutRule(int[] qubits, ReadoutError error) {
        public ReadoutRule {
            qubits = qubits.clone();
        }

        @Override public int[] qubits() { return qubits.clone(); }
    }

    private final String name;
    private final List<GateRule> gateRules;
    private final List<ReadoutRule> readoutRules;
    private final Channel idle;
    private final DeviceCalibration calibration;

    private NoiseModel(Builder b) {
        this.calibration = b.calibration;
        this.name = b.name;
        this.gateRules = List.copyOf(b.gateRules);
        this.readoutRules = List.copyOf(b.readoutRules);
        this.idle = b.idle;
    }

    public static Builder builder() { return new Builder(); }

    /** The model's name (may be empty). */
    public String name() { return name; }

    public List<GateRule> gateRules() { return gateRules; }

    public List<ReadoutRule> readoutRules() { return readoutRules; }

    /** The channel for idle qubits, or null. */
    public Channel idle() { return idle; }

    /** The device calibration this model was derived from, or null. */
    public DeviceCalibration calibration() { return calibration; }

    /** Whether the model adds nothing at all. */
    public boolean isEmpty() { return gateRules.isEmpty() && readoutRules.isEmpty() && idle == null; }

    /** Builds a {@link NoiseModel}. */
    public static final class Builder {
        private String name = "";
        private final List<GateRule> gateRules = new ArrayList<>();
        private final List<ReadoutRule> readoutRules = new ArrayList<>();
        private Channel idle;
        private DeviceCalibration calibration;

        /** Records the calibration data the rules were derived from (it becomes the model's canonical text). */
        Builder calibration(DeviceCalibration calibration) { this.calibration = calibration; return this; }

        public Builder name(String name) { this.name = name; return this; }

        /** {@code channel} after every gate named in {@code gates} (none: after every gate), on all qubits. */
        public Builder afterGates(Channel channel, String... gates) {
            return add(new GateRule(List.of(gates), List.of(), channel));
        }

        /** {@code channel} after the named gates (empty: all) when they act on one of the listed qubit tuples. */
        public Builder afterGatesOn(Channel channel, List<String> gates, int[]... qubits) {
            return add(new GateRule(gates, List.of(qubits), channel));
        }

        /** Adds a rule as it is. */
        public Builder add(GateRule rule) {
            int index = gateRules.size();
            for (String g : rule.gates()) {
                var def = Gates.lookup(g);
                if (def.isEmpty()) {
                    throw new NoiseException("gate rule " + index + " names gate '" + g + "', which is not an OpenQASM 2 / qelib1 gate");
                }
                int k = rule.channel().qubits();
                if (k > 1 && def.get().qubits() != k) {
                    throw new NoiseException("gate rule " + index + " puts a " + k + "-qubit channel after '" + g + "', which acts on "
                            + def.get().qubits() + " qubit(s)");
                }
            }
            for (int[] q : rule.qubits()) {
                if (q.length != 1 && q.length != rule.channel().qubits()) {
                    throw new NoiseException("gate rule " + index + " lists qubits " + Arrays.toString(q) + ", but its channel acts on "
                            + rule.channel().qubits() + " qubit(s)");
                }
                for (int x : q) if (x < 0) throw new NoiseException("gate rule " + index + " lists negative qubit " + x);
            }
            gateRules.add(rule);
            return this;
        }

        /** A one-qubit readout error on every measured qubit that has no rule of its own. */
        public Builder readout(ReadoutError error) {
            for (ReadoutRule r : readoutRules) {
                if (r.qubits().length == 0) throw new NoiseException("readout rule " + readoutRules.size() + " is a second readout error for all qubits");
            }
            if (error.qubits() != 1) throw new NoiseException("a readout error for all qubits must be one-qubit; give the qubits of a " + error.qubits() + "-qubit one");
            readoutRules.add(new ReadoutRule(new int[0], error));
            return this;
        }

        /** A readout error on the listed qubits (bit j of its outcomes is {@code qubits[j]}). */
        public Builder readout(ReadoutError error, int... qubits) {
            if (qubits.length == 0) return readout(error);
            if (qubits.length != error.qubits()) {
                throw new NoiseException("readout rule " + readoutRules.size() + " lists " + qubits.length + " qubit(s) for a "
                        + error.qubits() + "-qubit confusion matrix");
            }
            Set<Integer> seen = new TreeSet<>();
            for (ReadoutRule r : readoutRules) for (int q : r.qubits()) seen.add(q);
            for (int q : qubits) {
                if (q < 0) throw new NoiseException("readout rule " + readoutRules.size() + " lists negative qubit " + q);
                if (!seen.add(q)) throw new NoiseException("readout rule " + readoutRules.size() + " gives qubit " + q + " a second readout error");
            }
            readoutRules.add(new ReadoutRule(qubits, error));
            return this;
        }

        /** A one-qubit channel on every qubit a layer leaves idle (see {@link NoiseModel#apply}). */
        public Builder idle(Channel channel) {
            if (channel != null && channel.qubits() != 1) throw new NoiseException("the idle channel must act on one qubit, not " + channel.qubits());
            this.idle = channel;
            return this;
        }

        public NoiseModel build() { return new NoiseModel(this); }
    }

    /** Fails with a clear message when the model names a qubit the circuit does not have. */
    public void check(Circuit circuit) {
        int n = circuit.numQubits();
        for (int i = 0; i < gateRules.size(); i++) {
            for (int[] q : gateRules.get(i).qubits()) for (int x : q) {
                if (x >= n) throw new NoiseException("noise model gate rule " + i + " names qubit " + x + ", but the circuit has " + n + " qubit(s), numbered from 0");
            }
        }
        for (int i = 0; i < readoutRules.size(); i++) {
            for (int x : readoutRules.get(i).qubits()) {
                if (x >= n) throw new NoiseException("noise model readout rule " + i + " names qubit " + x + ", but the circuit has " + n + " qubit(s), numbered from 0");
            }
        }
    }

    /**
     * The circuit with this model's channels inserted as {@link Operation.ChannelOp}s (readout
     * errors are not part of it: see {@link #readoutFor}). Idle noise: operations are grouped in
     * order into layers, a new layer starting when an operation touches a qubit the current layer
     * already uses or is not a gate; after each layer of gates, every qubit none of them touched
     * gets the idle channel.
     */
    public Circuit apply(Circuit circuit) {
        check(circuit);
        CircuitBuilder out = Circuit.builder();
        circuit.qregs().forEach(r -> out.qreg(r.name(), r.size()));
        circuit.cregs().forEach(r -> out.creg(r.name(), r.size()));
        boolean[] busy = new boolean[circuit.numQubits()];
        boolean layerOpen = false;
        for (Operation op : circuit.operations()) {
            if (idle != null) {
                boolean clash = !(op instanceof Operation.GateOp);
                for (int q : op.qubits()) clash |= busy[q];
                if (clash && layerOpen) {
                    closeLayer(out, busy);
                    layerOpen = false;
                }
                if (op instanceof Operation.GateOp) {
                    for (int q : op.qubits()) busy[q] = true;
                    layerOpen = true;
                }
            }
            out.add(op);
            if (op instanceof Operation.GateOp g) channelsAfter(g).forEach(out::add);
        }
        if (idle != null && layerOpen) closeLayer(out, busy);
        return out.build();
    }

    private void closeLayer(CircuitBuilder out, boolean[] busy) {
        for (int q = 0; q < busy.length; q++) {
            if (!busy[q]) out.add(new Operation.ChannelOp(idle, new int[]{q}, null));
            busy[q] = false;
        }
    }

    /**
     * The channels this model puts right after {@code g} (its gate rules, in order; idle noise is
     * not included), carrying the gate's condition. {@link #apply} inserts these; trajectories
     * call it for the gates an OpenQASM 3 dynamic block applies while a shot runs.
     */
    public List<Operation.ChannelOp> channelsAfter(Operation.GateOp g) {
        List<Operation.ChannelOp> out = new ArrayList<>();
        int[] qs = g.qubits();
        for (GateRule rule : gateRules) {
            if (!rule.matchesName(g.gate().name())) continue;
            Channel ch = rule.channel();
            if (ch.qubits() == qs.length) {
                if (rule.listed(qs) || (qs.length == 1 && rule.listed(qs[0]))) out.add(new Operation.ChannelOp(ch, qs, g.condition()));
            } else if (ch.qubits() == 1) {
                for (int q : qs) if (rule.listed(q)) out.add(new Operation.ChannelOp(ch, new int[]{q}, g.condition()));
            }
        }
        return out;
    }

    /**
     * {@code qubits} followed by every other qubit that shares a readout rule with one of them:
     * the qubits whose joint distribution a correlated readout error needs (see {@link #applyReadout}).
     */
    public int[] readoutClosure(int numQubits, int[] qubits) {
        List<Integer> out = new ArrayList<>();
        for (int q : qubits) out.add(q);
        for (ReadoutRule r : readoutFor(numQubits)) {
            boolean touches = false;
            for (int q : r.qubits()) touches |= out.contains(q);
            if (touches) for (int q : r.qubits()) if (!out.contains(q)) out.add(q);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The distribution a measurement of {@code qubits} would report, given their true
     * distribution {@code p} (bit j of an index = qubits[j]): the confusion matrix of every
     * readout rule on them applied in turn. A rule on some of these qubits and others is refused;
     * take the distribution of {@link #readoutClosure} instead.
     */
    public double[] applyReadout(int numQubits, int[] qubits, double[] p) {
        double[] cur = p.clone();
        for (ReadoutRule r : readoutFor(numQubits)) {
            int[] rq = r.qubits();
            int[] pos = new int[rq.length];
            int found = 0;
            for (int j = 0; j < rq.length; j++) {
                pos[j] = -1;
                for (int k = 0; k < qubits.length; k++) if (qubits[k] == rq[j]) pos[j] = k;
                if (pos[j] >= 0) found++;
            }
            if (found == 0) continue;
            if (found < rq.length) {
                throw new NoiseException("the readout error on qubits " + Arrays.toString(rq) + " needs all of them, not only some of "
                        + Arrays.toString(qubits));
            }
            int mask = 0;
            for (int j : pos) mask |= 1 << j;
            double[] next = new double[cur.length];
            for (int i = 0; i < cur.length; i++) {
                if (cur[i] == 0) continue;
                int truth = 0;
                for (int j = 0; j < pos.length; j++) if ((i >> pos[j] & 1) == 1) truth |= 1 << j;
                for (int m = 0; m < 1 << pos.length; m++) {
                    double q = r.error().probability(m, truth);
                    if (q == 0) continue;
                    int out = i & ~mask;
                    for (int j = 0; j < pos.length; j++) if ((m >> j & 1) == 1) out |= 1 << pos[j];
                    next[out] += cur[i] * q;
                }
            }
            cur = next;
        }
        return cur;
    }

    /** Whether some readout rule covers one of {@code qubits}. */
    public boolean readsWithError(int numQubits, int[] qubits) {
        for (ReadoutRule r : readoutFor(numQubits)) for (int q : r.qubits()) for (int x : qubits) if (q == x) return true;
        return false;
    }

    /**
     * The readout errors for a circuit of {@code numQubits} qubits: per qubit, the rule that
     * covers it (a qubit-specific rule before the all-qubit default). Qubits without one are
     * absent.
     */
    public List<ReadoutRule> readoutFor(int numQubits) {
        List<ReadoutRule> out = new ArrayList<>();
        Map<Integer, Boolean> covered = new HashMap<>();
        for (ReadoutRule r : readoutRules) {
            if (r.qubits().length > 0) {
                out.add(r);
                for (int q : r.qubits()) covered.put(q, true);
            }
        }
        for (ReadoutRule r : readoutRules) {
            if (r.qubits().length == 0) {
                for (int q = 0; q < numQubits; q++) if (!covered.containsKey(q)) out.add(new ReadoutRule(new int[]{q}, r.error()));
            }
        }
        return out;
    }
}
