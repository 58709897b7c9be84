/**
 * Noise: quantum channels ({@link org.qise.noise.Channel}, the named ones in
 * {@link org.qise.noise.Channels}), readout errors ({@link org.qise.noise.ReadoutError}), noise
 * models that place them in a circuit ({@link org.qise.noise.NoiseModel}, from Java, from JSON
 * via {@link org.qise.noise.NoiseModelJson}, or from device figures via
 * {@link org.qise.noise.DeviceCalibration}), and the shipped {@link org.qise.noise.ExampleModels}.
 * Running noisy circuits is {@code org.qise.noise.run}; docs/noise.md describes it all.
 */
package org.qise.noise;
