/**
 * qise batches and sweeps as Apache Spark jobs: the tasks become an RDD, each partition runs
 * its tasks on one warm {@link org.qise.task.TaskRunner}, and the results come back to the
 * driver sorted by task index, byte-identical to an in-process run. Plugged into
 * {@code qise batch --spark} and {@code qise sweep --spark} through {@link org.qise.task.ClusterRunner}.
 */
package org.qise.spark;
