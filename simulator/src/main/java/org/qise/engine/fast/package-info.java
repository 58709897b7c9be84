/**
 * The fast engine: double-precision state vectors off the Java heap, run as close to memory
 * bandwidth as the Java Vector API allows.
 *
 * <h2>Layout</h2>
 * {@link org.qise.engine.fast.AmplitudeMemory} holds 2^n amplitudes as interleaved (re, im)
 * doubles in a 64-byte-aligned {@code MemorySegment} of a shared {@code Arena}, checked against
 * the machine's available physical memory first. With 512-bit vectors one vector is one cache
 * line of 4 amplitudes: qubits 0 and 1 select lanes ("low" qubits, handled with lane shuffles),
 * every higher qubit selects vectors. Split re/im planes were not built: a complex multiply
 * costs the same FMAs in either layout (plus one re↔im shuffle here), and interleaving gives one
 * memory stream per pass instead of two and keeps low-qubit shuffles inside one register. The
 * single-gate kernels reach the measured bandwidth with it, so the other layout had nothing to win
 * there. See {@link org.qise.engine.fast.Lanes}.
 *
 * <h2>Kernels</h2>
 * {@link org.qise.engine.fast.KernelPlanner} reads the gate's target matrix (never its name):
 * diagonal → {@link org.qise.engine.fast.DiagonalKernel} (one complex multiply, vectors that
 * would be multiplied by 1 skipped); 0/1 permutation → {@link org.qise.engine.fast.PermutationKernel}
 * (moves only); dense 2×2 → {@link org.qise.engine.fast.SingleQubitKernels}; small dense →
 * {@link org.qise.engine.fast.RegisterKernels}; wider dense (fused blocks) →
 * {@link org.qise.engine.fast.DenseKernel}. Controls on high qubits restrict the vectors visited;
 * controls on low qubits become identity coefficients on the lanes they switch off.
 * {@link org.qise.engine.fast.GateGeometry} says which vectors and lanes a gate mixes.
 *
 * <h2>Vector API lessons</h2>
 * Only code whose vector shapes the JIT knows exactly compiles to SIMD: shuffles kept in arrays
 * or built with {@code VectorShuffle.fromArray} ran about 100× slower (they are rebuilt from
 * index vectors with {@code toShuffle()} instead), and more than about eight vector
 * accumulators carried around a loop nest get boxed on the heap (so wide blocks go through a
 * small scratch array instead of dozens of locals). {@code reduceLanes} is avoided in
 * reductions because its order is unspecified.
 *
 * <h2>Fusion and cache blocking</h2>
 * {@link org.qise.engine.fast.Fuser} merges gates into blocks of up to 3 qubits (10 for
 * all-diagonal blocks), moving a gate forward only past gates it commutes with;
 * {@link org.qise.engine.fast.CacheBlocking} then runs consecutive blocks that stay below qubit 14
 * chunk by chunk in L2 cache, one memory pass for the whole run.
 *
 * <h2>Threads and determinism</h2>
 * {@link org.qise.engine.fast.ParallelRunner} splits a kernel's independent groups over the pool
 * (only from 2^17 amplitudes up); every amplitude gets the same arithmetic whatever the split.
 * Reductions (probabilities, Pauli expectations, sampling prefix sums) sum fixed chunks of 2^13
 * amplitudes and add the chunk sums in order, so the results are bit-identical on any number of
 * threads.
 */
package org.qise.engine.fast;
