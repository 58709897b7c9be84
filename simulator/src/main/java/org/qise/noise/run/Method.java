package org.qise.noise.run;

import java.util.Locale;

/** How a noisy circuit is simulated. */
public enum Method {
    /** Density matrix when the circuit allows it and it is cheaper, else trajectories. */
    AUTO,
    /** Exact ρ on the fast engine ({@link org.qise.engine.density.DensityMatrix}). */
    DENSITY_MATRIX,
    /** One state-vector trajectory per shot, Kraus branches drawn at random. */
    TRAJECTORIES;

    /** The command-line name: {@code auto}, {@code density-matrix}, {@code trajectories}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The method with this command-line name. */
    public static Method fromCliName(String name) {
        for (Method m : values()) if (m.cliName().equals(name)) return m;
        throw new IllegalArgumentException("unknown method '" + name + "' (choose auto, density-matrix or trajectories)");
    }
}
