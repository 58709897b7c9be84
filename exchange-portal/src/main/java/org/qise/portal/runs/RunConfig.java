package org.qise.portal.runs;

import java.time.Duration;

/**
 * Limits and sizing of server-side runs (part of {@link org.qise.portal.PortalConfig}).
 *
 * @param workers           simulations that run at once (each on its own worker thread); 0 for none in the
 *                          portal: runs wait in the database for {@code qise worker} processes (PostgreSQL only)
 * @param smallWorkers      further workers that take only small runs (see {@link #SMALL_RUN_WORK}), so a
 *                          long run can never hold up a quick one; 0 for none
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
public record RunConfig(int workers, int smallWorkers, int threadsPerRun, int queueCapacity, int maxQueuedPerUser,
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
        if (workers < 0) throw new IllegalArgumentException("run workers must not be negative, got " + workers);
        if (workers == 0 && smallWorkers != 0) {
            throw new IllegalArgumentException("without run workers (runs left to `qise worker` processes) there is no small-run lane either");
        }
        if (smallWorkers < 0) throw new IllegalArgumentException("smallWorkers must not be negative, got " + smallWorkers);
        if (threadsPerRun < 1) throw new IllegalArgumentException("threadsPerRun must be at least 1, got " + threadsPerRun);
        if (queueCapacity < 1 || maxQueuedPerUser < 1 || maxRunningPerUser < 1) {
            throw new IllegalArgumentException("queue limits must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the run timeout must be positive");
    }

    /**
     * A run is small when 2^qubits × gates (× shots when it is simulated shot by shot) is at
     * most this many amplitude updates: well under a second on one core.
     */
    public static final long SMALL_RUN_WORK = 1L << 26;

    /**
     * Sized to the machine: half the cores as workers (at least one), the cores shared out among
     * them, a quarter of the cores (at least one) as the lane for small runs, half the JVM's heap
     * for state vectors.
     */
    public static RunConfig defaults() {
        return forCores(Runtime.getRuntime().availableProcessors());
    }

    static RunConfig forCores(int cores) {
        int workers = Math.max(1, cores / 2);
        int threads = Math.max(1, cores / workers);
        return new RunConfig(workers, Math.max(1, cores / 4), threads, 200, 20, 2, 24, 1_000_000, 100_000, Duration.ofMinutes(10),
                Runtime.getRuntime().maxMemory() / 2);
    }

    /** Whether the portal runs nothing itself and leaves its queued runs to {@code qise worker} processes. */
    public boolean externalWorkers() { return workers == 0; }

    /** No embedded workers: runs are left in the database for {@code qise worker} processes. */
    public RunConfig withExternalWorkers() {
        return new RunConfig(0, 0, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }

    public RunConfig withWorkers(int n) {
        return new RunConfig(n, smallWorkers, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }

    public RunConfig withSmallWorkers(int n) {
        return new RunConfig(workers, n, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }

    public RunConfig withTimeout(Duration t) {
        return new RunConfig(workers, smallWorkers, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, maxQubits, maxShots,
                maxGates, t, memoryBytes);
    }

    public RunConfig withCaps(int qubits, long shots, int gates, long memory) {
        return new RunConfig(workers, smallWorkers, threadsPerRun, queueCapacity, maxQueuedPerUser, maxRunningPerUser, qubits, shots,
                gates, timeout, memory);
    }

    public RunConfig withQueueLimits(int capacity, int queuedPerUser, int runningPerUser) {
        return new RunConfig(workers, smallWorkers, threadsPerRun, capacity, queuedPerUser, runningPerUser, maxQubits, maxShots,
                maxGates, timeout, memoryBytes);
    }
}
