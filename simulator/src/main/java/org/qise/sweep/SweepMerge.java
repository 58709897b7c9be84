package org.qise.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Joins the shard files of one sweep into the file a single run would have written, byte for
 * byte: the header without the shard mark, the column line, and every row in index order.
 * Refuses files from different sweeps, a shard given twice or missing, and rows that do not
 * belong to their shard.
 */
public final class SweepMerge {
    private SweepMerge() {}

    /** @throws IllegalArgumentException naming the file and what is wrong */
    public static String merge(List<Path> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("--merge needs the shard files");
        SweepFormat format = null;
        SweepFormat.Header first = null;
        String columns = null;
        Path firstFile = null;
        TreeMap<Integer, String> rows = new TreeMap<>();
        boolean[] seen = null;
        for (Path f : files) {
            List<String> lines = read(f);
            if (lines.isEmpty()) throw new IllegalArgumentException(f + " is empty; it is not a sweep shard");
            SweepFormat fmt = SweepFormat.CSV.readHeader(lines.getFirst()) != null ? SweepFormat.CSV
                    : SweepFormat.JSONL.readHeader(lines.getFirst()) != null ? SweepFormat.JSONL : null;
            if (fmt == null) {
                String hint = lines.getFirst().startsWith("{\"qise_batch\":") ? "; it is a qise batch file: merge it with qise batch --merge" : "";
                throw new IllegalArgumentException(f + ":1: not a qise sweep file (its first line should be the sweep header)" + hint);
            }
            SweepFormat.Header h = fmt.readHeader(lines.getFirst());
            if (!h.isShard()) throw new IllegalArgumentException(f + " is a complete sweep, not a shard");
            if (h.shard() < 1 || h.shard() > h.shards()) throw new IllegalArgumentException(f + ": shard " + h.shard() + "/" + h.shards() + " is out of range");
            if (first == null) {
                format = fmt;
                first = h;
                firstFile = f;
                seen = new boolean[h.shards()];
            } else {
                if (fmt != format) throw new IllegalArgumentException(f + " is " + fmt + " but " + firstFile + " is " + format);
                if (!h.id().equals(first.id()) || h.points() != first.points() || h.seed() != first.seed()) {
                    throw new IllegalArgumentException(f + " comes from a different sweep than " + firstFile + " (sweep "
                            + h.id() + " vs " + first.id() + "); only shards of one sweep can be merged");
                }
                if (h.shards() != first.shards()) {
                    throw new IllegalArgumentException(f + " is shard " + h.shard() + "/" + h.shards() + " but " + firstFile
                            + " is one of " + first.shards() + " shards");
                }
            }
            if (seen[h.shard() - 1]) throw new IllegalArgumentException(f + ": shard " + h.shard() + "/" + h.shards() + " is given twice");
            seen[h.shard() - 1] = true;
            int start = 1;
            if (format.hasColumnLine()) {
                if (lines.size() < 2) throw new IllegalArgumentException(f + " has no column line");
                if (columns == null) columns = lines.get(1);
                else if (!columns.equals(lines.get(1))) throw new IllegalArgumentException(f + ":2: its columns differ from " + firstFile);
                start = 2;
            }
            for (int i = start; i < lines.size(); i++) {
                int index;
                try {
                    index = format.rowIndex(lines.get(i));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(f + ":" + (i + 1) + ": not a sweep row");
                }
                if (index >= h.points() || index % h.shards() != h.shard() - 1) {
                    throw new IllegalArgumentException(f + ":" + (i + 1) + ": point " + index + " does not belong to shard " + h.shard() + "/" + h.shards());
                }
                if (rows.put(index, lines.get(i)) != null) throw new IllegalArgumentException(f + ":" + (i + 1) + ": point " + index + " appears twice");
            }
        }
        for (int s = 0; s < seen.length; s++) {
            if (!seen[s]) throw new IllegalArgumentException("shard " + (s + 1) + "/" + seen.length + " is missing");
        }
        if (rows.size() != first.points()) {
            int missing = 0;
            while (rows.containsKey(missing)) missing++;
            throw new IllegalArgumentException("point " + missing + " is missing: the shards hold " + rows.size() + " of " + first.points() + " points (was a shard cut short?)");
        }
        StringBuilder out = new StringBuilder(format.header(new SweepFormat.Header(first.id(), first.points(), first.seed(), 0, 0))).append('\n');
        if (columns != null) out.append(columns).append('\n');
        for (String r : rows.values()) out.append(r).append('\n');
        return out.toString();
    }

    private static List<String> read(Path f) {
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            return lines;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read '" + f + "': no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read '" + f + "': " + e.getMessage());
        }
    }
}
