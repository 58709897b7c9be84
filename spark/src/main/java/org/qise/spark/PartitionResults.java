package org.qise.spark;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.qise.task.TaskResult;

/**
 * The results of a Spark job in task index order, filled in as partitions finish: partition k
 * holds the results {@code starts[k]} to {@code starts[k+1]} − 1. Reading one waits until its
 * partition has arrived; once the job has failed, reading one that has not throws the job's error.
 */
final class PartitionResults extends AbstractList<TaskResult> implements RandomAccess {
    private final int[] starts;
    private final TaskResult[][] partitions;
    private RuntimeException failure;

    PartitionResults(int[] starts) {
        this.starts = starts.clone();
        this.partitions = new TaskResult[starts.length - 1][];
    }

    /** Called by Spark's scheduler thread as partition {@code k} finishes. */
    synchronized void arrived(int k, TaskResult[] rows) {
        if (rows.length != starts[k + 1] - starts[k]) {
            failed(new IllegalStateException("Spark partition " + k + " returned " + rows.length + " results for "
                    + (starts[k + 1] - starts[k]) + " tasks"));
            return;
        }
        partitions[k] = rows;
        notifyAll();
    }

    /** The job ended without all its partitions: reads that have not got theirs throw {@code e}. */
    synchronized void failed(RuntimeException e) {
        if (failure == null) failure = e;
        notifyAll();
    }

    @Override
    public int size() {
        return starts[starts.length - 1];
    }

    @Override
    public TaskResult get(int i) {
        if (i < 0 || i >= size()) throw new IndexOutOfBoundsException("result " + i + " of " + size());
        int k = partitionOf(i);
        return partition(k)[i - starts[k]];
    }

    private int partitionOf(int i) {
        int lo = 0, hi = partitions.length - 1;
        while (lo < hi) { // the last partition whose start is at most i (empty partitions start where the next does)
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= i) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private synchronized TaskResult[] partition(int k) {
        while (partitions[k] == null) {
            if (failure != null) {
                // a fresh exception, so that the reader's stack shows where it read; the job's error is its cause
                throw failure instanceof IllegalArgumentException
                        ? new IllegalArgumentException(failure.getMessage(), failure)
                        : new IllegalStateException(failure.getMessage(), failure);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark partition " + k, e);
            }
        }
        return partitions[k];
    }
}
