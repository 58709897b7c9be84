/**
 * One pure unit of work: a {@link org.qise.task.Task} (canonical circuit text, parameter values,
 * noise model, options, global seed, task index) gives a {@link org.qise.task.TaskResult} that
 * depends on nothing else: its random numbers come from the stream (seed, index), so the same
 * task gives the same bytes on any machine, thread, partition or shard. Sweeps, batches, job
 * arrays and the Spark runner (module qise-spark) all run tasks through {@link org.qise.task.TaskRunner}.
 */
package org.qise.task;
