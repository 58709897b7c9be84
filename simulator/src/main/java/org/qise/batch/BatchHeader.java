package org.qise.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a batch output: {@code {"qise_batch":ID,"tasks":N,"seed":S}}, with
 * {@code ,"shard":"I/N"} in a shard file. {@code shard} and {@code shards} are 0 in a whole file.
 */
public record BatchHeader(String id, int tasks, long seed, int shard, int shards) {

    private static final Pattern LINE = Pattern.compile(
            "\\{\"qise_batch\":\"([0-9a-f]+)\",\"tasks\":(\\d+),\"seed\":(-?\\d+)(?:,\"shard\":\"(\\d+)/(\\d+)\")?}");

    public boolean isShard() { return shards > 0; }

    public String line() {
        return "{\"qise_batch\":\"" + id + "\",\"tasks\":" + tasks + ",\"seed\":" + seed
                + (isShard() ? ",\"shard\":\"" + shard + "/" + shards + "\"" : "") + "}";
    }

    /** Reads a header line, or null when the line is not one. */
    public static BatchHeader read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return null;
        try {
            return new BatchHeader(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The task index a result line starts with ({"index":K,…}). */
    public static int rowIndex(String line) {
        String start = "{\"index\":";
        if (!line.startsWith(start)) throw new NumberFormatException("not a batch row");
        int end = start.length();
        while (end < line.length() && Character.isDigit(line.charAt(end))) end++;
        if (end == start.length() || end >= line.length() || line.charAt(end) != ',') throw new NumberFormatException("not a batch row");
        return Integer.parseInt(line.substring(start.length(), end));
    }
}
