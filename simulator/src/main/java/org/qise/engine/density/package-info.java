/**
 * The density-matrix engine: ρ of n qubits held as a 2n-qubit state of the fast engine, gates as
 * U on the ket half and U* on the bra half, channels as superoperators, all through the fast
 * engine's kernels (see {@link org.qise.engine.density.DensityMatrix}).
 */
package org.qise.engine.density;
