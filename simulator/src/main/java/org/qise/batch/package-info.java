/**
 * Batches of circuits ({@code qise batch FILES…}): one {@link org.qise.task.Task} per file, the
 * JSON-lines output with its header, and the joining of job-array shards ({@link org.qise.batch.BatchMerge}).
 */
package org.qise.batch;
