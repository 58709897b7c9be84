package org.qise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qise.task.TaskResult;

/** The driver's view of a Spark job's results: task index order, whatever order the partitions finish in. */
class PartitionResultsTest {

    static TaskResult result(int index) {
        return new TaskResult(index, null, List.of(), new double[0], List.of(), new double[0], Map.of(), null, null, Map.of());
    }

    static TaskResult[] results(int from, int to) {
        TaskResult[] r = new TaskResult[to - from];
        for (int i = from; i < to; i++) r[i - from] = result(i);
        return r;
    }

    static List<Long> indices(List<TaskResult> list) {
        List<Long> out = new ArrayList<>();
        for (TaskResult r : list) out.add(r.index());
        return out;
    }

    @Test
    void partitionsThatFinishInAnyOrderAreReadInTaskOrder() {
        PartitionResults list = new PartitionResults(new int[] {0, 3, 5, 9});
        list.arrived(2, results(5, 9));
        list.arrived(0, results(0, 3));
        list.arrived(1, results(3, 5));
        assertEquals(9, list.size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), indices(list));
        assertEquals(4, list.get(4).index());
    }

    @Test
    void readingAResultWaitsForItsPartitionOnly() throws Exception {
        PartitionResults list = new PartitionResults(new int[] {0, 2, 4});
        list.arrived(0, results(0, 2));
        assertEquals(1, list.get(1).index()); // partition 1 has not arrived, and need not have
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> list.get(3).index());
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "read the last result before its partition arrived");
        list.arrived(1, results(2, 4));
        assertEquals(3L, waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedJobFailsTheReadsOfPartitionsThatDidNotArrive() {
        PartitionResults list = new PartitionResults(new int[] {0, 2, 4});
        list.arrived(0, results(0, 2));
        IllegalArgumentException cause = new IllegalArgumentException("c7.qasm: the circuit measures mid-circuit");
        list.failed(cause);
        assertEquals(0, list.get(0).index(), "a partition that arrived before the failure stays readable");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> list.get(2));
        assertEquals("c7.qasm: the circuit measures mid-circuit", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aPartitionWithTheWrongNumberOfResultsIsAnError() {
        PartitionResults list = new PartitionResults(new int[] {0, 2, 4});
        list.arrived(1, results(2, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> list.get(3));
        assertTrue(e.getMessage().contains("Spark partition 1 returned 1 results for 2 tasks"), e.getMessage());
    }

    @Test
    void noTasksIsAnEmptyList() {
        assertTrue(new PartitionResults(new int[] {0, 0}).isEmpty());
    }
}
