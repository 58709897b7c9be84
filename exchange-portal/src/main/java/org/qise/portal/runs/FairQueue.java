package org.qise.portal.runs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The waiting runs, handed to workers fairly: each person has their own first-in-first-out
 * line, and workers serve the people in turn (whoever was served longest ago goes next), so one
 * person's hundred runs delay another person's single run by at most one run per worker. A person's run is only handed out
 * while fewer than {@code maxRunningPerUser} of theirs are running and its state vector fits in
 * the memory the running runs leave free.
 *
 * <p>Bounded: {@link #offer} says why a run cannot wait (queue full, too many of the person's
 * own) instead of growing without limit.
 */
final class FairQueue<J extends FairQueue.Job> {
    /** What the queue needs to know of a run. */
    interface Job {
        long ownerId();

        long memoryBytes();

        /** Whether a worker of the small-run lane may take it. */
        default boolean small() { return false; }
    }

    private final int capacity;
    private final int maxQueuedPerUser;
    private final int maxRunningPerUser;
    private final long memoryBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Waiting runs per person, in the order the people first queued. */
    private final LinkedHashMap<Long, Deque<J>> waiting = new LinkedHashMap<>();
    /** When each person was last handed a run (a running count of hand-outs). */
    private final Map<Long, Long> lastServed = new HashMap<>();
    private long turn;
    private final Map<Long, Integer> running = new HashMap<>();
    private int size;
    private long memoryInUse;
    private boolean closed;

    FairQueue(int capacity, int maxQueuedPerUser, int maxRunningPerUser, long memoryBytes) {
        this.capacity = capacity;
        this.maxQueuedPerUser = maxQueuedPerUser;
        this.maxRunningPerUser = maxRunningPerUser;
        this.memoryBytes = memoryBytes;
    }

    /**
     * Adds a run at the end of its owner's line. With {@code enforceLimits} false (runs taken
     * back in after a restart) the queue's bounds are not applied.
     *
     * @return empty when queued, else why not (a sentence for the person who asked)
     */
    Optional<String> offer(J job, boolean enforceLimits) {
        lock.lock();
        try {
            if (closed) return Optional.of("the portal is shutting down; try again in a moment");
            Deque<J> line = waiting.get(job.ownerId());
            int own = line == null ? 0 : line.size();
            if (enforceLimits) {
                if (size >= capacity) {
                    return Optional.of("the run queue is full (" + capacity + " runs waiting); try again later");
                }
                if (own >= maxQueuedPerUser) {
                    return Optional.of("you have " + own + " runs waiting, the most one person may have; "
                            + "wait for some to finish or cancel some");
                }
            }
            waiting.computeIfAbsent(job.ownerId(), k -> new ArrayDeque<>()).addLast(job);
            size++;
            changed.signalAll();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next run to start, waiting until one may start; null once the queue is closed. The
     * run counts as running (for its owner's limit and for memory) until {@link #finished}.
     */
    J take() throws InterruptedException {
        return take(false);
    }

    /**
     * As {@link #take()}; with {@code smallOnly} only a small run is handed out (the small-run
     * lane's workers), so quick runs start even while every other worker is busy with long ones.
     * Fairness among people holds within each lane: a person's line is served in order, so a
     * small run queued behind their own large one waits for it.
     */
    J take(boolean smallOnly) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) return null;
                J next = nextEligible(smallOnly);
                if (next != null) return next;
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whose turn it is: among the people with a run that may start now, the one served longest
     * ago (someone never served, or not since their line last emptied, goes first; ties go to
     * whoever queued first).
     */
    private J nextEligible(boolean smallOnly) {
        Long chosen = null;
        long chosenServed = Long.MAX_VALUE;
        for (Map.Entry<Long, Deque<J>> e : waiting.entrySet()) {
            long owner = e.getKey();
            J head = e.getValue().peekFirst();
            if (smallOnly && !head.small()) continue;
            if (running.getOrDefault(owner, 0) >= maxRunningPerUser) continue;
            // A run that fits nowhere is refused when submitted; here it only waits for room.
            if (memoryInUse > 0 && memoryInUse + head.memoryBytes() > memoryBytes) continue;
            long served = lastServed.getOrDefault(owner, 0L);
            if (served < chosenServed) {
                chosen = owner;
                chosenServed = served;
            }
        }
        if (chosen == null) return null;
        Deque<J> line = waiting.get(chosen);
        J job = line.removeFirst();
        if (line.isEmpty()) waiting.remove(chosen);
        size--;
        running.merge(chosen, 1, Integer::sum);
        memoryInUse += job.memoryBytes();
        lastServed.put(chosen, ++turn);
        return job;
    }

    /** A run handed out by {@link #take} has ended; its owner's slot and memory are free again. */
    void finished(J job) {
        lock.lock();
        try {
            running.computeIfPresent(job.ownerId(), (k, n) -> n <= 1 ? null : n - 1);
            memoryInUse -= job.memoryBytes();
            // Someone with nothing running or waiting starts afresh next time (and the map stays small).
            if (!running.containsKey(job.ownerId()) && !waiting.containsKey(job.ownerId())) lastServed.remove(job.ownerId());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a waiting run out of the queue; false when it is not waiting (already started or gone). */
    boolean remove(J job) {
        lock.lock();
        try {
            Deque<J> line = waiting.get(job.ownerId());
            if (line == null || !line.remove(job)) return false;
            if (line.isEmpty()) waiting.remove(job.ownerId());
            size--;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where each waiting run stands: 1 for the run that would be handed out next, and so on, if
     * the people were served in turn from now on as {@link #take} serves them. Running limits and
     * memory can still reorder the actual hand-outs; this is the order fairness alone gives,
     * which is what a person waiting wants to know ("3 runs before yours").
     */
    Map<J, Integer> positions() {
        lock.lock();
        try {
            Map<J, Integer> out = new java.util.IdentityHashMap<>();
            Map<Long, Deque<J>> lines = new LinkedHashMap<>();
            waiting.forEach((owner, line) -> lines.put(owner, new ArrayDeque<>(line)));
            Map<Long, Long> served = new HashMap<>(lastServed);
            long t = turn;
            int position = 0;
            while (!lines.isEmpty()) {
                Long chosen = null;
                long chosenServed = Long.MAX_VALUE;
                for (Long owner : lines.keySet()) {
                    long s = served.getOrDefault(owner, 0L);
                    if (s < chosenServed) {
                        chosen = owner;
                        chosenServed = s;
                    }
                }
                Deque<J> line = lines.get(chosen);
                out.put(line.removeFirst(), ++position);
                if (line.isEmpty()) lines.remove(chosen);
                served.put(chosen, ++t);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting worker; {@link #take} returns null from now on. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
