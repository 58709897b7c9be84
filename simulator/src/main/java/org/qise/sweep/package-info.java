/**
 * Parameter sweeps: points ({@link org.qise.sweep.SweepAxis}, {@link org.qise.sweep.SweepPoints}),
 * running them with per-point seeds ({@link org.qise.sweep.Sweep}), writing and merging results
 * ({@link org.qise.sweep.SweepFormat}, {@link org.qise.sweep.SweepMerge}) and plotting them.
 */
package org.qise.sweep;
