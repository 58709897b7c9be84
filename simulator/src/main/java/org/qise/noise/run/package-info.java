/**
 * Running noisy circuits: {@link org.qise.noise.run.NoisySimulator} applies a noise model and
 * simulates the result exactly as a density matrix ({@link org.qise.engine.density.DensityMatrix})
 * or as seeded trajectories on the fast engine, with one result type,
 * {@link org.qise.noise.run.NoisyResult}.
 */
package org.qise.noise.run;
