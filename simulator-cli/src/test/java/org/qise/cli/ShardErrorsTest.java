package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job-array errors of issue 14 for both commands: a shard index out of range, on the command
 * line or in a shard file's header (a file edited or cut from another array), and shards of a
 * sweep merged with shards of another sweep or of a batch. Each is exit code 2 with the file
 * named, no stack trace and no output.
 */
class ShardErrorsTest {
    @TempDir
    Path dir;

    private String sweepShard(String shard, String seed, String format) {
        String circuit = Cli.qasm(dir, "s.qasm", "qreg q[2];\ncreg c[2];\nrx(theta) q[0];\ncx q[0], q[1];\nmeasure q -> c;\n");
        Path out = dir.resolve("sweep-" + shard.replace('/', '-') + "-" + seed + "." + format);
        Cli.Run r = Cli.run("sweep", circuit, "--param", "theta=0:1:5", "--expect", "Z0", "--shots", "50", "--seed", seed,
                "--format", format, "--shard", shard, "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out.toString();
    }

    private String batchShard(String shard) {
        String a = Cli.qasm(dir, "a.qasm", "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n");
        String b = Cli.qasm(dir, "b.qasm", "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n");
        Path out = dir.resolve("batch-" + shard.replace('/', '-'));
        Cli.Run r = Cli.run("batch", a, b, "--shots", "20", "--seed", "4", "--shard", shard, "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        return out.toString();
    }

    private static void refused(Cli.Run r, String message) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest(name = "qise sweep --shard {0}")
    @ValueSource(strings = {"0/3", "4/3"})
    void aSweepShardIndexOutOfRangeIsRefused(String shard) {
        String circuit = Cli.qasm(dir, "s.qasm", "qreg q[1];\nrx(theta) q[0];\n");
        refused(Cli.run("sweep", circuit, "--param", "theta=0:1:5", "--expect", "Z0", "--seed", "1", "--shard", shard),
                "--shard " + shard + " is out of range: shards are numbered 1 to 3");
    }

    @ParameterizedTest(name = "{0} shard file claiming {1}")
    @CsvSource({"csv, 3/2", "jsonl, 3/2", "csv, 0/2"})
    void aSweepShardFileWhoseHeaderIsOutOfRangeIsNamedWhenMerging(String format, String claimed) throws IOException {
        String one = sweepShard("1/2", "9", format);
        Path edited = dir.resolve("edited." + format);
        String text = Files.readString(Path.of(sweepShard("2/2", "9", format)));
        Files.writeString(edited, format.equals("csv") ? text.replace("shard=2/2", "shard=" + claimed)
                : text.replace("\"shard\":\"2/2\"", "\"shard\":\"" + claimed + "\""));
        refused(Cli.run("sweep", "--merge", one, edited.toString()), edited + ": shard " + claimed + " is out of range");
    }

    @ParameterizedTest(name = "claiming {0}")
    @ValueSource(strings = {"3/2", "0/2"})
    void aBatchShardFileWhoseHeaderIsOutOfRangeIsNamedWhenMerging(String claimed) throws IOException {
        String one = batchShard("1/2");
        Path edited = dir.resolve("edited.jsonl");
        Files.writeString(edited, Files.readString(Path.of(batchShard("2/2"))).replace("\"shard\":\"2/2\"", "\"shard\":\"" + claimed + "\""));
        refused(Cli.run("batch", "--merge", one, edited.toString()), edited + ": shard " + claimed + " is out of range");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "jsonl"})
    void shardsOfTwoSweepsWithAnotherSeedAreNotMerged(String format) {
        String one = sweepShard("1/2", "9", format), other = sweepShard("2/2", "10", format);
        refused(Cli.run("sweep", "--merge", one, other), other + " comes from a different sweep than " + one);
    }

    @org.junit.jupiter.api.Test
    void aBatchShardIsNotMergedAsASweep() {
        String sweep = sweepShard("1/2", "9", "jsonl");
        String batch = batchShard("2/2");
        refused(Cli.run("sweep", "--merge", sweep, batch), batch + ":1: not a qise sweep file");
        refused(Cli.run("sweep", "--merge", sweep, batch), "it is a qise batch file: merge it with qise batch --merge");
    }
}
