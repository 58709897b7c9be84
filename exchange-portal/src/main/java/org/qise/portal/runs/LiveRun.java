package org.qise.portal.runs;

import java.util.concurrent.CompletableFuture;
import org.qise.circuit.Circuit;

/**
 * A run while it waits or runs: the parsed circuit, its progress, and whether it was asked to
 * stop. The simulation checks {@link #checkStop} at each progress report and stops by throwing
 * {@link Stopped} (the simulator offers no other way to interrupt it).
 */
final class LiveRun implements FairQueue.Job {
    /**
     * Why a run stops before its end; SHUTDOWN leaves the row as it is for the next start-up,
     * LEASE_LOST (a {@code qise worker} whose run was cancelled or taken over) leaves it to
     * whoever holds it now.
     */
    enum StopReason { CANCELLED, TIMED_OUT, SHUTDOWN, LEASE_LOST }

    /** Thrown from the progress callback to end a simulation early. */
    static final class Stopped extends RuntimeException {
        final StopReason reason;

        Stopped(StopReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    final Run row;
    final Circuit circuit;
    /** Completes once the run has ended and everything about it is stored. */
    final CompletableFuture<RunStatus> ended = new CompletableFuture<>();
    private volatile double progress;
    private volatile StopReason stop;
    private volatile String stopMessage;

    private final boolean small;

    LiveRun(Run row, Circuit circuit) {
        this(row, circuit, 1);
    }

    /** @param points how many points the run simulates: a sweep's point count, 1 for any other run */
    LiveRun(Run row, Circuit circuit, int points) {
        this.row = row;
        this.circuit = circuit;
        this.small = RunSize.work(circuit, row.shots(), row.noiseMethod(), points) <= RunConfig.SMALL_RUN_WORK;
    }

    long id() { return row.id(); }

    @Override
    public long ownerId() { return row.ownerId(); }

    /** 16 bytes per amplitude of the state vector. */
    @Override
    public long memoryBytes() { return RunNoise.memoryNeed(circuit.numQubits(), row.noiseMethod()); }

    /** Small enough for the small-run lane (see {@link RunConfig#SMALL_RUN_WORK}). */
    @Override
    public boolean small() { return small; }

    static long memoryNeed(int qubits) {
        return qubits >= 59 ? Long.MAX_VALUE : 16L << qubits;
    }

    double progress() { return progress; }

    void progress(double fraction) { this.progress = fraction; }

    /** Asks the simulation to stop at its next progress report (the first request wins). */
    synchronized void requestStop(StopReason reason, String message) {
        if (stop == null) {
            stop = reason;
            stopMessage = message;
        }
    }

    StopReason stopRequested() { return stop; }

    /** Throws {@link Stopped} when a stop was requested or the deadline (System.nanoTime) has passed. */
    void checkStop(long deadlineNanos, String timeoutMessage) {
        if (stop == null && System.nanoTime() - deadlineNanos > 0) requestStop(StopReason.TIMED_OUT, timeoutMessage);
        if (stop != null) throw new Stopped(stop, stopMessage);
    }
}
