package org.qise.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Joins the shard files of one batch into the file a single run would have written, byte for
 * byte. Refuses files from different batches (or sweeps), a shard given twice or missing, and
 * rows that do not belong to their shard.
 */
public final class BatchMerge {
    private BatchMerge() {}

    /** @throws IllegalArgumentException naming the file (and line) and what is wrong */
    public static String merge(List<Path> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("--merge needs the shard files");
        BatchHeader first = null;
        Path firstFile = null;
        boolean[] seen = null;
        TreeMap<Integer, String> rows = new TreeMap<>();
        for (Path f : files) {
            List<String> lines = read(f);
            if (lines.isEmpty()) throw new IllegalArgumentException(f + " is empty; it is not a batch shard");
            BatchHeader h = BatchHeader.read(lines.getFirst());
            if (h == null) {
                String hint = lines.getFirst().contains("qise_sweep") || lines.getFirst().startsWith("# qise-sweep")
                        ? " (it is a sweep file: join sweep shards with qise sweep --merge)" : "";
                throw new IllegalArgumentException(f + ":1: not a qise batch file; its first line should be the batch header" + hint);
            }
            if (!h.isShard()) throw new IllegalArgumentException(f + " is a complete batch, not a shard");
            if (h.shard() < 1 || h.shard() > h.shards()) throw new IllegalArgumentException(f + ": shard " + h.shard() + "/" + h.shards() + " is out of range");
            if (first == null) {
                first = h;
                firstFile = f;
                seen = new boolean[h.shards()];
            } else {
                if (!h.id().equals(first.id()) || h.tasks() != first.tasks() || h.seed() != first.seed()) {
                    throw new IllegalArgumentException(f + " comes from a different batch than " + firstFile + " (batch "
                            + h.id() + " vs " + first.id() + "); only shards of one batch can be merged");
                }
                if (h.shards() != first.shards()) {
                    throw new IllegalArgumentException(f + " is shard " + h.shard() + "/" + h.shards() + " but " + firstFile
                            + " is one of " + first.shards() + " shards");
                }
            }
            if (seen[h.shard() - 1]) throw new IllegalArgumentException(f + ": shard " + h.shard() + "/" + h.shards() + " is given twice");
            seen[h.shard() - 1] = true;
            for (int i = 1; i < lines.size(); i++) {
                int index;
                try {
                    index = BatchHeader.rowIndex(lines.get(i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(f + ":" + (i + 1) + ": not a batch result line");
                }
                if (index >= h.tasks() || index % h.shards() != h.shard() - 1) {
                    throw new IllegalArgumentException(f + ":" + (i + 1) + ": task " + index + " does not belong to shard " + h.shard() + "/" + h.shards());
                }
                if (rows.put(index, lines.get(i)) != null) throw new IllegalArgumentException(f + ":" + (i + 1) + ": task " + index + " appears twice");
            }
        }
        for (int s = 0; s < seen.length; s++) {
            if (!seen[s]) throw new IllegalArgumentException("shard " + (s + 1) + "/" + seen.length + " is missing");
        }
        if (rows.size() != first.tasks()) {
            int missing = 0;
            while (rows.containsKey(missing)) missing++;
            throw new IllegalArgumentException("task " + missing + " is missing: the shards hold " + rows.size() + " of " + first.tasks()
                    + " tasks (was a shard cut short?)");
        }
        StringBuilder out = new StringBuilder(new BatchHeader(first.id(), first.tasks(), first.seed(), 0, 0).line()).append('\n');
        for (String r : rows.values()) out.append(r).append('\n');
        return out.toString();
    }

    private static List<String> read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).lines().toList();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read '" + f + "': no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read '" + f + "': " + e.getMessage());
        }
    }
}
