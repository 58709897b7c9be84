package org.qise.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.qise.task.ClusterRunner;
import org.qise.task.Task;
import org.qise.task.TaskResult;
import org.qise.task.TaskRunner;
import scala.Function0;
import scala.Function2;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Runs tasks as a Spark job: the tasks, sorted by index, are cut into P contiguous slices, one
 * per partition; each partition runs on one warm {@link TaskRunner} (the circuit parsed once per
 * partition, each engine on one thread), and its results come back to the driver as soon as it
 * finishes, to be read in task index order. A task's result depends only on the task, so the
 * bytes do not depend on the master, the partitioning or the executors.
 *
 * <p>One Spark context is kept per JVM and reused while the master stays the same (Spark allows
 * one active context per JVM, and starting one costs seconds).
 */
public final class SparkRunner implements ClusterRunner {

    private static JavaSparkContext context;
    private static String contextMaster;

    @Override
    public String name() { return "spark"; }

    /** Checks the master and starts Spark, so that a bad master is reported before any output is written. */
    @Override
    public void prepare(String master) {
        context(master);
    }

    /**
     * Starts the job and returns at once: the list fills as partitions finish, and reading a
     * result waits for its partition, so the caller writes the first results while the executors
     * still run the rest (writing them all after the last partition left the driver's share
     * of the work, and a core, idle until then). A task that cannot run fails the read that
     * reaches it, with the error an in-process run gives.
     */
    @Override
    public List<TaskResult> run(List<Task> tasks, String master, int partitions) {
        JavaSparkContext sc = context(master);
        int p = Math.max(1, Math.min(partitions > 0 ? partitions : sc.defaultParallelism(), tasks.size()));
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingLong(Task::index));
        // one contiguous slice of the sorted tasks per partition, cut here rather than by Spark,
        // so that the driver knows which partition holds which result
        List<List<Task>> slices = new ArrayList<>(p);
        int[] starts = new int[p + 1];
        for (int k = 0; k < p; k++) {
            starts[k] = (int) ((long) k * sorted.size() / p);
            starts[k + 1] = (int) ((long) (k + 1) * sorted.size() / p);
            slices.add(new ArrayList<>(sorted.subList(starts[k], starts[k + 1])));
        }
        PartitionResults results = new PartitionResults(starts);
        if (sorted.isEmpty()) return results;
        RDD<List<Task>> rdd = sc.parallelize(slices, p).rdd();
        Function2<Object, TaskResult[], BoxedUnit> arrived = (partition, rows) -> {
            results.arrived((Integer) partition, rows);
            return BoxedUnit.UNIT;
        };
        Function0<Object> done = () -> null;
        SimpleFutureAction<Object> job = sc.sc().submitJob(rdd, new RunPartition(), new scala.collection.immutable.Range.Exclusive(0, p, 1), arrived, done);
        Thread.ofPlatform().daemon().name("qise-spark-job").start(() -> {
            try {
                job.get();
            } catch (Exception e) { // SparkException is checked, though Scala throws it undeclared
                results.failed(taskError(e));
            } catch (Throwable t) {
                results.failed(new IllegalStateException("the Spark job failed: " + t, t));
            }
        });
        return results;
    }

    /** Starts Spark (or reuses the running context) for {@code master}; "" means what spark-submit configured. */
    static synchronized JavaSparkContext context(String master) {
        if (context != null && master.equals(contextMaster) && !context.sc().isStopped()) return context;
        SparkConf conf = new SparkConf().setAppName("qise").setIfMissing("spark.ui.enabled", "false");
        if (!master.isEmpty()) {
            SparkMasters.check(master);
            conf.setMaster(master);
            if (master.startsWith("local")) {
                // everything runs in this process: stay on loopback rather than on whatever the host name resolves to
                conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --spark MASTER (e.g. --spark local[4]) or run through spark-submit --master …");
        } else {
            SparkMasters.check(conf.get("spark.master"));
        }
        stop();
        try {
            context = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start Spark on master '" + conf.get("spark.master") + "': " + e.getMessage(), e);
        }
        context.setLogLevel("WARN");
        contextMaster = master;
        return context;
    }

    /** Stops the context this runner started, if any. */
    public static synchronized void stop() {
        if (context != null) {
            context.stop();
            context = null;
            contextMaster = null;
        }
    }

    /** A task that cannot run fails the job; report it the way an in-process run would, not as Spark's stack trace. */
    private static RuntimeException taskError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae) return new IllegalArgumentException(iae.getMessage(), e);
        }
        // Spark hands the executor's exception back as text inside its own message
        String m = e.getMessage() == null ? "" : e.getMessage();
        String marker = IllegalArgumentException.class.getName() + ": ";
        int at = m.indexOf(marker);
        if (at >= 0) {
            int end = m.indexOf('\n', at);
            return new IllegalArgumentException(m.substring(at + marker.length(), end < 0 ? m.length() : end).strip(), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("the Spark job failed: " + m, e);
    }

    /** One partition, on an executor: one warm runner for the partition's slice of tasks. */
    static final class RunPartition extends AbstractFunction1<scala.collection.Iterator<List<Task>>, TaskResult[]> implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 2L;

        @Override
        public TaskResult[] apply(scala.collection.Iterator<List<Task>> slices) {
            TaskRunner runner = new TaskRunner();
            List<TaskResult> out = new ArrayList<>();
            while (slices.hasNext()) {
                for (Task t : slices.next()) {
                    try {
                        out.add(runner.run(t, 1));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException((t.name() != null ? t.name() : "point " + t.index()) + ": " + e.getMessage(), e);
                    }
                }
            }
            return out.toArray(TaskResult[]::new);
        }
    }
}
