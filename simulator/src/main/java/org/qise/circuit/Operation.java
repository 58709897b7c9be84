package org.qise.circuit;

import java.util.Arrays;
import java.util.Objects;

/**
 * One step of a circuit. Qubits and classical bits use the circuit's flat numbering.
 * Every operation but a barrier may carry a classical {@link Condition}.
 */
public sealed interface Operation {

    /** The qubits this operation touches, in its own order. */
    int[] qubits();

    /** The condition that must hold for the operation to run, or null. */
    Condition condition();

    /** A gate applied to qubits (controls first, as the gate defines). */
    record GateOp(Gate gate, int[] qubits, Condition condition) implements Operation {
        public GateOp {
            Objects.requireNonNull(gate);
            qubits = qubits.clone();
            if (qubits.length != gate.qubits()) {
                throw new IllegalArgumentException(gate.name() + " acts on " + gate.qubits() + " qubit(s), got " + qubits.length);
            }
            for (int i = 0; i < qubits.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (qubits[i] == qubits[j]) {
                        throw new IllegalArgumentException(gate.name() + " is applied to qubit " + qubits[i] + " twice");
                    }
                }
            }
        }

        @Override public int[] qubits() { return qubits.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof GateOp g && g.gate.equals(gate) && Arrays.equals(g.qubits, qubits)
                    && Objects.equals(g.condition, condition);
        }

        @Override public int hashCode() { return Objects.hash(gate, Arrays.hashCode(qubits), condition); }

        @Override public String toString() { return gate + " " + Arrays.toString(qubits) + (condition == null ? "" : " if " + condition); }
    }

    /** Measures a qubit in the Z basis into a classical bit, collapsing the state. */
    record Measure(int qubit, int clbit, Condition condition) implements Operation {
        @Override public int[] qubits() { return new int[]{qubit}; }
    }

    /** Resets a qubit to |0⟩ (measure, then flip if 1). */
    record Reset(int qubit, Condition condition) implements Operation {
        @Override public int[] qubits() { return new int[]{qubit}; }
    }

    /**
     * A noise channel (see {@link org.qise.noise.Channel}) on qubits; qubit j of the channel is
     * {@code qubits[j]}. Only noisy runs ({@code org.qise.noise.run}) simulate it.
     */
    record ChannelOp(org.qise.noise.Channel channel, int[] qubits, Condition condition) implements Operation {
        public ChannelOp {
            Objects.requireNonNull(channel);
            qubits = qubits.clone();
            if (qubits.length != channel.qubits()) {
                throw new IllegalArgumentException("channel " + channel.name() + " acts on " + channel.qubits() + " qubit(s), got " + qubits.length);
            }
            for (int i = 0; i < qubits.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (qubits[i] == qubits[j]) throw new IllegalArgumentException("channel " + channel.name() + " is applied to qubit " + qubits[i] + " twice");
                }
            }
        }

        @Override public int[] qubits() { return qubits.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof ChannelOp c && c.channel.equals(channel) && Arrays.equals(c.qubits, qubits)
                    && Objects.equals(c.condition, condition);
        }

        @Override public int hashCode() { return Objects.hash(channel, Arrays.hashCode(qubits), condition); }

        @Override public String toString() { return "channel " + channel + " " + Arrays.toString(qubits) + (condition == null ? "" : " if " + condition); }
    }

    /** A barrier: no effect on the state; it keeps optimisers and drawings from merging across it. */
    record Barrier(int[] qubits) implements Operation {
        public Barrier { qubits = qubits.clone(); }

        @Override public int[] qubits() { return qubits.clone(); }

        @Override public Condition condition() { return null; }

        @Override public boolean equals(Object o) { return o instanceof Barrier b && Arrays.equals(b.qubits, qubits); }

        @Override public int hashCode() { return Arrays.hashCode(qubits); }

        @Override public String toString() { return "barrier " + Arrays.toString(qubits); }
    }

    /**
     * Classical control flow that runs shot by shot (see {@link DynamicBlock}); it may touch
     * any qubit and bit, so it lists all of the circuit's qubits.
     */
    record Dynamic(DynamicBlock block, int[] qubits) implements Operation {
        public Dynamic {
            Objects.requireNonNull(block);
            qubits = qubits.clone();
        }

        @Override public int[] qubits() { return qubits.clone(); }

        @Override public Condition condition() { return null; }

        @Override public boolean equals(Object o) { return o instanceof Dynamic d && d.block.equals(block) && Arrays.equals(d.qubits, qubits); }

        @Override public int hashCode() { return block.hashCode(); }

        @Override public String toString() { return "dynamic " + block.summary(); }
    }
}
