package org.qise.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.qise.task.Task;
import org.qise.task.TaskOptions;

/**
 * Many circuits run with the same options and one global seed: circuit k is task k and samples
 * with {@code Rng.stream(seed, k)}, so any shard of the batch gives each circuit the same result.
 */
public final class Batch {

    /** One circuit of the batch: a label (the file name) and its canonical OpenQASM text. */
    public record Circuit(String name, String text) {}

    private final List<Task> tasks;
    private final long seed;

    public Batch(List<Circuit> circuits, String noiseModel, TaskOptions options, long seed) {
        if (circuits.isEmpty()) throw new IllegalArgumentException("a batch needs at least one circuit");
        List<Task> t = new ArrayList<>(circuits.size());
        for (int k = 0; k < circuits.size(); k++) {
            Circuit c = circuits.get(k);
            t.add(new Task(k, c.name(), c.text(), List.of(), new double[0], noiseModel, options, seed));
        }
        this.tasks = List.copyOf(t);
        this.seed = seed;
    }

    public List<Task> tasks() { return tasks; }

    public long seed() { return seed; }

    /**
     * 16 hex digits of SHA-256 over everything that decides the output (each circuit's name and
     * canonical text, the noise model, the options, the seed): shards of one batch share it.
     */
    public String id() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        Task first = tasks.getFirst();
        md.update(("qise-batch 1\nseed=" + seed + "\n" + first.options().canonical() + "\nnoise=" + first.noiseModel() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Task t : tasks) {
            // lengths first, so that no two different lists of texts hash the same bytes
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8), text = t.circuit().getBytes(StandardCharsets.UTF_8);
            md.update((name.length + ":" + text.length + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(name);
            md.update(text);
        }
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }
}
