package org.qise.task;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs tasks somewhere other than this process: a cluster framework plugged in through
 * {@link ServiceLoader} (the qise-spark module provides "spark"), so that the simulator itself
 * carries no dependency on it. {@code qise batch} and {@code qise sweep} use it for {@code --spark}.
 */
public interface ClusterRunner {

    /** The name the commands know it by ("spark"). */
    String name();

    /**
     * Makes ready to run on {@code target} (checks it, starts the framework), so that a bad
     * target is reported before a command writes any output.
     *
     * @throws IllegalArgumentException for a target that is malformed or cannot be reached
     */
    default void prepare(String target) {}

    /**
     * Runs every task and returns the results sorted by task index. The list may come back
     * before every task has run and fill as they finish (Spark's does, so that the caller writes
     * early results while later ones run): reading a result then waits for it, and throws the
     * error below if its task, or the job, failed.
     *
     * @param target     where to run (a Spark master URL; empty for the one the launcher configured)
     * @param partitions how many pieces to cut the tasks into (0: the framework's default)
     * @throws IllegalArgumentException for a target that is malformed or cannot be reached, or a task that cannot run
     */
    List<TaskResult> run(List<Task> tasks, String target, int partitions);

    /** The runner called {@code name}, or null when no module on the class path provides it. */
    static ClusterRunner find(String name) {
        for (ClusterRunner r : ServiceLoader.load(ClusterRunner.class)) {
            if (r.name().equals(name)) return r;
        }
        return null;
    }
}
