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
 * {@link org.qise.engine.fast.GateGeometry} says which vectors and lanes a gate mixes. In double
 * precision a run of gates on two high qubits whose product is a 2×2 on each of two pairs of
 * vectors (a rotation with cx, cz and the like around it) is one pass of
 * {@link org.qise.engine.fast.RunKernel}: its permutations only relabel registers.
 *
 * <h2>Vector API lessons</h2>
 * Only code whose vector shapes the JIT knows exactly compiles to SIMD: shuffles kept in arrays
 * or built with {@code VectorShuffle.fromArray} ran about 100× slower on AVX-512 (they are
 * rebuilt from long index vectors with {@code toShuffle()} instead: from double indices that
 * needs a conversion AVX2 lacks, and lane kernels ran 40–60× slower there), and more than about eight vector
 * accumulators carried around a loop nest get boxed on the heap (so wide blocks go through a
 * small scratch array instead of dozens of locals). {@code reduceLanes} is avoided in
 * reductions because its order is unspecified.
 *
 * <h2>Stages, fusion and the cost model</h2>
 * Above a few hundred kilobytes every pass over the state is a trip to memory, so
 * {@link org.qise.engine.fast.Stages} cuts a gate list into stages of gates that together touch
 * at most 18 qubits (any 18, the lowest few always among them), moving a gate forward only past
 * gates on other qubits; it tries keeping from the lowest 4 up to all but 4 of a stage's qubits
 * in every stage (4 to 14 in double, 4 to 15 in single) and keeps the plan whose copies are
 * modelled cheapest. {@link org.qise.engine.fast.StageRunner} copies each
 * chunk of 2^18 amplitudes that share the other qubits' bits into a per-thread scratch buffer of
 * 4 MiB (a core's share of L3), runs all of the stage's blocks on it, and copies it back: one
 * memory pass per stage. A stage on the lowest 18 qubits needs no copy: its chunks are
 * contiguous and run in place, which costs about half a copied stage. Within
 * a stage {@link org.qise.engine.fast.Fuser} merges gates into blocks; the widest block (1 to 4
 * qubits, 10 for all-diagonal blocks) is chosen per stage by {@link org.qise.engine.fast.BlockCost},
 * in-cache kernel times measured on the reference machine, because in cache a dense k-qubit block
 * costs about 2^(k+1) multiply-adds per vector while a cx costs only moves: qcbm's rotations and
 * cx rings run fastest unfused (one 2×2 per qubit, then moves), random circuits as pairs of
 * rotations around each cz. Every decision depends only on the gates and the state size.
 *
 * <h2>Memory layout gaps</h2>
 * The layout leaves 4 KiB free after every 4 MiB of amplitudes ({@link org.qise.engine.fast.Lanes}):
 * without it, gates on the top qubits of a 26-qubit state streamed two halves exactly 2^29 bytes
 * apart, which this machine's DRAM served at half speed.
 *
 * <h2>Single precision</h2>
 * A {@link org.qise.engine.fast.FloatState} holds complex64 amplitudes ({@link org.qise.engine.fast.FloatLayout}).
 * Its plans are the double plans except that a lone one-target gate is a float pass
 * ({@link org.qise.engine.fast.FloatGateKernel}) and every other step of a state larger than a
 * chunk is a stage, of 19 qubits (2^19 floats fill the same 4 MiB); from 18 to 20 qubits, as in double, the plan is one whole-state step when
 * the float kernels cover all its blocks (such states have no layout gap). A stage whose blocks all have float kernels ({@link org.qise.engine.fast.FloatBlocks},
 * register-tiled dense blocks in {@link org.qise.engine.fast.FloatDenseKernels}) runs in float in the
 * scratch buffer, with a fusion width chosen by the float kernels' costs
 * ({@link org.qise.engine.fast.FloatCost}) among widths that keep every block in float; any other
 * stage is widened into it as double by
 * {@link org.qise.engine.fast.FloatStages}, runs the double kernels and is rounded back. Memory
 * traffic halves. Reductions add in double over the same fixed chunks.
 *
 * <h2>Threads and determinism</h2>
 * {@link org.qise.engine.fast.ParallelRunner} splits a kernel's independent groups over the pool
 * (only from 2^17 amplitudes up); every amplitude gets the same arithmetic whatever the split.
 * Reductions (probabilities, Pauli expectations, sampling prefix sums) sum fixed chunks of 2^13
 * amplitudes and add the chunk sums in order, so the results are bit-identical on any number of
 * threads.
 */
package org.qise.engine.fast;
