package org.qise.cli;

/** Reads {@code --shard I/N} for the commands that run job-array shards (sweep, batch). */
final class Shards {
    private Shards() {}

    /** {I, N}, checked: I from 1 to N. */
    static int[] parse(String shard) {
        String[] parts = shard.split("/", -1);
        int i, n;
        try {
            if (parts.length != 2) throw new NumberFormatException();
            i = Integer.parseInt(parts[0].trim());
            n = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new UserError("--shard should read I/N with whole numbers, e.g. 2/3; got '" + shard + "'");
        }
        if (n < 1) throw new UserError("--shard " + shard + ": the number of shards must be at least 1");
        if (i < 1 || i > n) throw new UserError("--shard " + shard + " is out of range: shards are numbered 1 to " + n);
        return new int[]{i, n};
    }

    /** The runner for {@code --spark}, or a clear error when the qise-spark module is not on the class path. */
    static org.qise.task.ClusterRunner spark(String master) {
        org.qise.task.ClusterRunner r = org.qise.task.ClusterRunner.find("spark");
        if (r == null) {
            throw new UserError("--spark needs the qise-spark module and Spark on the class path: run through spark-submit"
                    + " (see README, Running on Apache Spark)");
        }
        try {
            r.prepare(master);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        return r;
    }
}
