package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queue's order and bounds, without threads: take() is only called when a run may start. */
class FairQueueTest {
    record Job(String name, long ownerId, long memoryBytes) implements FairQueue.Job {}

    private static Job job(String name, long owner) {
        return new Job(name, owner, 16);
    }

    @Test
    void anotherPersonsRunGoesBeforeTheRestOfAFlood() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(100, 50, 1, 1 << 20);
        for (int i = 1; i <= 20; i++) assertEquals(Optional.empty(), q.offer(job("a" + i, 1), true));
        Job first = q.take();
        assertEquals("a1", first.name());
        q.offer(job("b1", 2), true);
        q.finished(first);
        assertEquals("b1", q.take().name(), "the newcomer is served before the flood's second run");
    }

    @Test
    void peopleAreServedInTurn() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(100, 50, 10, 1 << 20);
        for (int i = 1; i <= 3; i++) {
            q.offer(job("a" + i, 1), true);
            q.offer(job("b" + i, 2), true);
            q.offer(job("c" + i, 3), true);
        }
        q.offer(job("a4", 1), true);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) order.add(q.take().name());
        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3", "a4"), order);
    }

    @Test
    void aPersonAtTheRunningLimitWaitsWhileOthersGo() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(100, 50, 1, 1 << 20);
        q.offer(job("a1", 1), true);
        q.offer(job("a2", 1), true);
        q.offer(job("b1", 2), true);
        Job a1 = q.take();
        assertEquals("b1", q.take().name(), "a2 must wait for a1: one running run per person");
        q.finished(a1);
        assertEquals("a2", q.take().name());
    }

    @Test
    void boundsAreReportedNotExceeded() {
        FairQueue<Job> q = new FairQueue<>(3, 2, 1, 1 << 20);
        assertTrue(q.offer(job("a1", 1), true).isEmpty());
        assertTrue(q.offer(job("a2", 1), true).isEmpty());
        assertTrue(q.offer(job("a3", 1), true).orElseThrow().contains("you have 2 runs waiting"));
        assertTrue(q.offer(job("b1", 2), true).isEmpty());
        assertTrue(q.offer(job("c1", 3), true).orElseThrow().contains("queue is full"));
        assertTrue(q.offer(job("c1", 3), false).isEmpty(), "runs taken back after a restart are not refused");
        assertEquals(4, q.size());
    }

    @Test
    void runsWaitForMemoryTheRunningOnesHold() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(10, 10, 10, 100);
        q.offer(new Job("big", 1, 80), true);
        q.offer(new Job("also-big", 2, 80), true);
        q.offer(new Job("small", 3, 10), true);
        Job big = q.take();
        assertEquals("small", q.take().name(), "also-big does not fit next to big, small does");
        q.finished(big);
        assertEquals("also-big", q.take().name());
    }

    @Test
    void removedRunsAreNotHandedOutAndCloseReleasesWorkers() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(10, 10, 10, 100);
        Job a = job("a", 1);
        q.offer(a, true);
        assertTrue(q.remove(a));
        assertFalse(q.remove(a));
        assertEquals(0, q.size());
        Thread waiter = new Thread(() -> {
            try {
                assertNull(q.take());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiter.start();
        q.close();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "close wakes a worker waiting in take()");
    }

    @Test
    void positionsForetellTheOrderInWhichPeopleAreServed() throws InterruptedException {
        FairQueue<Job> q = new FairQueue<>(100, 50, 10, 1 << 20);
        List<Job> jobs = new ArrayList<>();
        for (String name : List.of("a1", "a2", "a3", "b1", "c1", "c2")) {
            Job j = job(name, name.charAt(0));
            jobs.add(j);
            q.offer(j, true);
        }
        Job a1 = q.take(); // a has been served once, so b and c go before a's second run
        java.util.Map<Job, Integer> positions = q.positions();
        List<String> byPosition = new ArrayList<>(java.util.Collections.nCopies(positions.size(), ""));
        positions.forEach((j, p) -> byPosition.set(p - 1, j.name()));
        assertEquals(List.of("b1", "c1", "a2", "c2", "a3"), byPosition);
        assertFalse(positions.containsKey(a1), "a running run has no place in the queue");
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) taken.add(q.take().name());
        assertEquals(byPosition, taken, "the queue hands them out in that order");
    }
}
