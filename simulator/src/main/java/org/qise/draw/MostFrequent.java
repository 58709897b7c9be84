package org.qise.draw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Picks the most frequent outcomes without sorting them all (counts can have millions of entries). */
final class MostFrequent {
    private MostFrequent() {}

    /** Higher count first; equal counts in bitstring order. */
    static final Comparator<Map.Entry<String, Long>> BY_COUNT =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    /** The {@code k} entries that come first in {@link #BY_COUNT} order, in that order. */
    static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int k) {
        // a heap of the k best so far, worst on top so it can be evicted
        PriorityQueue<Map.Entry<String, Long>> heap = new PriorityQueue<>(k + 1, BY_COUNT.reversed());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            heap.add(e);
            if (heap.size() > k) heap.poll();
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>(heap);
        out.sort(BY_COUNT);
        return out;
    }
}
