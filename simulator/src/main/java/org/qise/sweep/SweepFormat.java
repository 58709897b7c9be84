package org.qise.sweep;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sweep results are written: CSV (one header comment, one column line, one row per point)
 * or JSON Lines (one header object, one object per point). Numbers are written as Java's
 * shortest round-tripping decimals, so equal results are equal bytes.
 *
 * <p>The first line identifies the sweep ({@link Sweep#id()}), its point count and seed, and,
 * in a shard file, which shard it is: {@code --merge} checks it before joining shards.
 */
public enum SweepFormat {
    CSV, JSONL;

    /** What a header line says. {@code shard} and {@code shards} are 0 in a complete file. */
    public record Header(String id, int points, long seed, int shard, int shards) {
        public boolean isShard() { return shards > 0; }
    }

    private static final Pattern CSV_HEADER = Pattern.compile("# qise-sweep id=([0-9a-f]+) points=(\\d+) seed=(-?\\d+)(?: shard=(\\d+)/(\\d+))?");
    private static final Pattern JSON_HEADER = Pattern.compile(
            "\\{\"qise_sweep\":\"([0-9a-f]+)\",\"points\":(\\d+),\"seed\":(-?\\d+)(?:,\"shard\":\"(\\d+)/(\\d+)\")?}");

    public String header(Header h) {
        return switch (this) {
            case CSV -> "# qise-sweep id=" + h.id() + " points=" + h.points() + " seed=" + h.seed()
                    + (h.isShard() ? " shard=" + h.shard() + "/" + h.shards() : "");
            case JSONL -> "{\"qise_sweep\":\"" + h.id() + "\",\"points\":" + h.points() + ",\"seed\":" + h.seed()
                    + (h.isShard() ? ",\"shard\":\"" + h.shard() + "/" + h.shards() + "\"" : "") + "}";
        };
    }

    /** Reads a header line, or null when the line is not one in this format. */
    public Header readHeader(String line) {
        Matcher m = (this == CSV ? CSV_HEADER : JSON_HEADER).matcher(line);
        if (!m.matches()) return null;
        try {
            return new Header(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The CSV column line, or null for JSON Lines. */
    public String columns(List<String> names, List<String> expectations, boolean counts, boolean probabilities) {
        if (this == JSONL) return null;
        StringBuilder s = new StringBuilder("index");
        for (String n : names) s.append(',').append(n);
        for (String e : expectations) s.append(',').append(csvField("<" + e + ">"));
        if (counts) s.append(",counts");
        if (probabilities) s.append(",probabilities");
        return s.toString();
    }

    /** One point's line. */
    public String row(Sweep.PointResult r, List<String> names, List<String> expectations, boolean counts) {
        StringBuilder s = new StringBuilder();
        if (this == CSV) {
            s.append(r.index());
            for (double v : r.values()) s.append(',').append(v);
            for (double e : r.expectations()) s.append(',').append(e);
            if (counts) {
                s.append(',');
                boolean first = true;
                for (Map.Entry<String, Long> c : r.counts().entrySet()) {
                    s.append(first ? "" : " ").append(c.getKey().replace(' ', '_')).append(':').append(c.getValue());
                    first = false;
                }
            }
            if (r.probabilities() != null) {
                s.append(',');
                for (int i = 0; i < r.probabilities().length; i++) s.append(i == 0 ? "" : " ").append(r.probabilities()[i]);
            }
            return s.toString();
        }
        s.append("{\"index\":").append(r.index()).append(",\"params\":{");
        for (int k = 0; k < names.size(); k++) s.append(k == 0 ? "" : ",").append(json(names.get(k))).append(':').append(r.values()[k]);
        s.append('}');
        if (!expectations.isEmpty()) {
            s.append(",\"expect\":{");
            for (int k = 0; k < expectations.size(); k++) s.append(k == 0 ? "" : ",").append(json(expectations.get(k))).append(':').append(r.expectations()[k]);
            s.append('}');
        }
        if (counts) {
            s.append(",\"counts\":{");
            boolean first = true;
            for (Map.Entry<String, Long> c : r.counts().entrySet()) {
                s.append(first ? "" : ",").append(json(c.getKey())).append(':').append(c.getValue());
                first = false;
            }
            s.append('}');
        }
        if (r.probabilities() != null) {
            s.append(",\"probabilities\":[");
            for (int i = 0; i < r.probabilities().length; i++) s.append(i == 0 ? "" : ",").append(r.probabilities()[i]);
            s.append(']');
        }
        return s.append('}').toString();
    }

    /** The point index a row line starts with. */
    public int rowIndex(String line) {
        int start = this == CSV ? 0 : "{\"index\":".length();
        if (this == JSONL && !line.startsWith("{\"index\":")) throw new NumberFormatException("not a sweep row");
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) end++;
        if (end == start || end >= line.length() || line.charAt(end) != ',') throw new NumberFormatException("not a sweep row");
        return Integer.parseInt(line.substring(start, end));
    }

    /** Whether the line after the header is a column line (CSV) rather than a row. */
    boolean hasColumnLine() { return this == CSV; }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
