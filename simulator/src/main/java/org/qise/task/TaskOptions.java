package org.qise.task;

import java.io.Serializable;
import java.util.List;

/**
 * What a task reports: the expectation values of {@code expectations} (Pauli sums as text,
 * e.g. "Z0 Z1"), the counts of {@code shots} shots (0: none), every basis-state probability
 * when {@code probabilities}, and a hash of the final state when {@code stateHash}.
 * {@code noiseMethod} fixes how a task with a noise model is simulated ({@code trajectories} or
 * {@code density-matrix}, as {@code --method}); null lets the noisy simulator choose.
 */
public record TaskOptions(List<String> expectations, long shots, String engine, boolean probabilities, boolean stateHash,
                          String noiseMethod)
        implements Serializable {
    public TaskOptions {
        expectations = List.copyOf(expectations);
        if (shots < 0) throw new IllegalArgumentException("shots must be 0 or more, got " + shots);
    }

    /** Options of a task whose noisy simulator, if any, picks its own method. */
    public TaskOptions(List<String> expectations, long shots, String engine, boolean probabilities, boolean stateHash) {
        this(expectations, shots, engine, probabilities, stateHash, null);
    }

    /** The options as one line of text, for ids that must change whenever the output would. */
    public String canonical() {
        return "expect=" + String.join("|", expectations) + ";shots=" + shots + ";engine=" + engine
                + ";probabilities=" + probabilities + ";state_hash=" + stateHash
                + (noiseMethod == null ? "" : ";noise_method=" + noiseMethod); // absent: ids of earlier tasks stay
    }
}
