/**
 * Running circuits: a configured {@link org.qise.sim.Simulator} runs a
 * {@link org.qise.circuit.Circuit} and returns a {@link org.qise.sim.Result} with counts, and —
 * when every measurement comes at the end — the final state: state vector, probabilities,
 * marginals and expectation values of Pauli sums.
 *
 * <pre>{@code
 * Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
 * Simulator sim = Simulator.builder().shots(1000).seed(42).build();   // default engine ("fast"), all cores
 * try (Result r = sim.run(bell)) {
 *     r.counts();                  // {"00"=…, "11"=…}, bitstrings c[1]c[0]
 *     r.probabilities();           // [0.5, 0, 0, 0.5] before the measurements
 *     r.expectation("Z0 Z1");      // 1.0
 *     r.marginal(1);               // [0.5, 0.5]
 * }
 * }</pre>
 *
 * <p>A seed fixes every random choice: the same circuit, seed and options give the same counts
 * whatever the number of threads. Without a seed one is drawn and recorded in
 * {@link org.qise.sim.Result#seed()} and the run's {@link org.qise.sim.Manifest}. Circuits with
 * mid-circuit measurement, reset or classical conditions are simulated shot by shot.
 */
package org.qise.sim;
