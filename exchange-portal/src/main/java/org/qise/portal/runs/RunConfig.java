package org.qise.portal.runs;

import java.time.Duration;

/**
 * Limits and sizing of server-side runs (part of {@link org.qise.portal.PortalConfig}).
 *
 * @param workers           simulations that run at once (each on its own worker thread)
 * @param threadsPerRun     threads each simulation's engine may use
 * @param queueCapacity     runs that may wait in the queue in all (429 beyond)
 * @param maxQueuedPerUser  runs one person may have waiting (429 beyond)
 * @param maxRunningPerUser runs of one person that may run at once; the rest wait their turn
 * @param maxQubits         most qubits a run may simulate (422 beyond)
 * @param maxShots          most shots a run may ask for (422 beyond)
 * @param maxGates          most gates a run's circuit may have (422 beyond)
 * @param timeout           wall-clock limit of one run, from its start; it ends timed_out beyond
 * @param memoryBytes       state-vector memory the runs together may use (16 bytes × 2^n each);
 *                          a run that alone needs more is refused (422), others wait for room
 */
public record RunConfig(int workers, int threadsPerRun, int queueCapacity, int maxQueuedPerUser,
                        int maxRunningPerUser, int maxQubits, long maxShots, int maxGates, Duration timeout,
                        long memoryBytes) {

    /** Probabilities and state vectors are stored and offered for download up to this many qubits. */
    public static final int MAX_STORED_STATE_QUBITS = 12;

    /** Largest OpenQASM text taken from a push or a submission before it is parsed (413 beyond). */
    public static final int MAX_UNTRUSTED_QASM_BYTES = 256 * 1024;

    /**
     * Parser limits for untrusted text: twice the gate cap plus room for measurements and
     * barriers, so anything the caps allow parses, and a text that expands far beyond them is
     * stopped by the parser rather than after it.
     */
    public static org.qise.qasm.ParseLimits untrustedParseLimits(int maxGates, int maxQubits) {
        return new org.qise.qasm.ParseLimits(2L * maxGates + 4L * maxQubits + 1024, org.qise.qasm.ParseLimits.DEFAULT.maxNesting());
    }

    public RunConfig {
        if (workers < 1) throw new IllegalArgumentException("at least one run worker is needed, got " + workers);
        if (threadsPerRun < 1) throw new IllegalArgumentException("threadsPerRun must be at least 1, got " + threadsPerRun);
        if (queueCapacity < 1 || maxQueuedPerUser < 1 || maxRunningPerUser < 1) {
            throw new IllegalArgumentException("queue limits must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the run timeout must be positive");
    }

    /**
     * Sized to the machine: half the cores as workers (at least one, at most four), the cores
     * shared out among them, half the JVM's heap for state vectors.
     */
    public static RunConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(1, Math.min(4, cores / 2));
        int threads = Math.max(1, cores / workers);
        return new RunConfig(workers, threads, 200, 20, 2, 24, 1_000_000, 100_000, Duration.ofMinutes(10),
                Runtime.getRuntime().maxMemory() / 2);
    }

    public RunConfig withWorkers(int n) {
        return new RunConfig(n, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }

    public RunConfig withTimeout(Duration t) {
        return new RunConfig(workers, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, t, memoryBytes);
    }

    public RunConfig withCaps(int qubits, long shots, int gates, long memory) {
        return new RunConfig(workers, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, qubits, shots,
                gates, timeout, memory);
    }

    public RunConfig withQueueLimits(int capacity, int queuedPerUser, int runningPerUser) {
        return new RunConfig(workers, threadsPerRun, capacity, queuedPerUser, runningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }
}
