package org.qise.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.qise.task.ClusterRunner;
import org.qise.task.Task;
import org.qise.task.TaskResult;
import org.qise.task.TaskRunner;

/**
 * Runs tasks as a Spark job: {@code parallelize} the tasks into P partitions, run each partition
 * on one warm {@link TaskRunner} (the circuit parsed once per partition, each engine on one
 * thread), collect and sort by task index. A task's result depends only on the task, so the
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

    @Override
    public List<TaskResult> run(List<Task> tasks, String master, int partitions) {
        JavaSparkContext sc = context(master);
        int p = partitions > 0 ? partitions : sc.defaultParallelism();
        List<TaskResult> out;
        try {
            out = new ArrayList<>(sc.parallelize(tasks, p).mapPartitions(new RunPartition()).collect());
        } catch (Exception e) { // SparkException is checked, though Scala throws it undeclared
            throw taskError(e);
        }
        out.sort(Comparator.comparingLong(TaskResult::index));
        return out;
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

    /** One partition: one warm runner for all its tasks. */
    static final class RunPartition implements FlatMapFunction<Iterator<Task>, TaskResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<TaskResult> call(Iterator<Task> tasks) {
            TaskRunner runner = new TaskRunner();
            List<TaskResult> out = new ArrayList<>();
            while (tasks.hasNext()) {
                Task t = tasks.next();
                try {
                    out.add(runner.run(t, 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException((t.name() != null ? t.name() : "point " + t.index()) + ": " + e.getMessage(), e);
                }
            }
            return out.iterator();
        }
    }
}
