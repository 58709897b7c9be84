package org.qise.circuit;

import java.util.Map;

/**
 * The part of a circuit that decides at run time what to do next: classical control flow
 * (if/else, loops, switch) over measurement outcomes and classical variables, as OpenQASM 3
 * dynamic circuits have. It runs once per shot on the shot-by-shot path; the simulator gives it
 * the shot's state through a {@link ShotContext}. Implementations are immutable, and equal
 * when they run the same program.
 */
public interface DynamicBlock {

    /** Runs the block for one shot. */
    void run(ShotContext shot);

    /** One line describing the block, for listings and drawings. */
    String summary();

    /** What a dynamic block may do to the shot it runs in. */
    interface ShotContext {
        /** Applies a gate (the simulator may batch gates until the next measurement). */
        void apply(Operation.GateOp gate);

        /** Measures a qubit in the Z basis, collapsing the state; returns 0 or 1. */
        int measure(int qubit);

        /** Resets a qubit to |0⟩. */
        void reset(int qubit);

        /** The shot's classical bits (flat numbering), readable and writable. */
        boolean[] bits();

        /** Storage that lives for the shot, for the block's classical variables. */
        Map<Object, Object> scratch();
    }
}
