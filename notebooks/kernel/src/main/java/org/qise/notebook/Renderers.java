package org.qise.notebook;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.qise.circuit.Circuit;
import org.qise.draw.CircuitDiagram;
import org.qise.draw.Histogram;
import org.qise.sim.Result;

/**
 * Turns notebook values into display bundles. Each renderer handles one type; the most
 * recently registered renderer that accepts a value wins, so notebooks can override the
 * defaults with {@link #register}.
 */
public final class Renderers {
    private record Entry<T>(Class<T> type, Function<? super T, MimeBundle> renderer) {
        MimeBundle render(Object value) {
            return renderer.apply(type.cast(value));
        }
    }

    /** Newest first. */
    private static final List<Entry<?>> ENTRIES = new CopyOnWriteArrayList<>();

    static {
        register(Circuit.class, circuit -> MimeBundle.text(CircuitDiagram.text(circuit))
                .with(MimeBundle.SVG, CircuitDiagram.svg(circuit)));
        register(Result.class, result -> MimeBundle.text(Histogram.text(result.counts(), 50))
                .with(MimeBundle.SVG, Histogram.svg(result.counts(), histogramTitle(result))));
        register(List.class, Renderers::renderList);
        register(Plot.class, plot -> MimeBundle.text(plot.toString()).with(MimeBundle.SVG, plot.svg()));
        register(BlochSphere.class, sphere -> MimeBundle.text(sphere.toString()).with(MimeBundle.SVG, sphere.svg()));
        register(BarChart.class, chart -> MimeBundle.text(chart.toString()).with(MimeBundle.SVG, chart.svg()));
        register(HeatMap.class, map -> MimeBundle.text(map.toString()).with(MimeBundle.SVG, map.svg()));
        register(MimeBundle.class, bundle -> bundle);
    }

    private Renderers() {}

    /** Shows values of {@code type} (and its subtypes) with {@code renderer} from now on. */
    public static <T> void register(Class<T> type, Function<? super T, MimeBundle> renderer) {
        ENTRIES.addFirst(new Entry<>(type, renderer));
    }

    /**
     * The bundle for {@code value}. A renderer that fails (or declines by returning null) falls
     * through to the next one and finally to plain text, with a note on standard error saying
     * why, so a drawing bug never hides the value itself.
     */
    public static MimeBundle render(Object value) {
        if (value != null) {
            for (Entry<?> entry : ENTRIES) {
                if (!entry.type().isInstance(value)) {
                    continue;
                }
                try {
                    MimeBundle bundle = entry.render(value);
                    if (bundle != null) {
                        return withPng(bundle);
                    }
                } catch (RuntimeException | LinkageError e) {
                    System.err.println("(could not draw " + value.getClass().getSimpleName() + ": " + e + ")");
                }
            }
        }
        return MimeBundle.text(plainText(value));
    }

    /**
     * The bundle with a PNG copy of its SVG picture, if it has one: front ends and exports that
     * cannot show SVG then show the PNG.
     */
    static MimeBundle withPng(MimeBundle bundle) {
        String svg = bundle.get(MimeBundle.SVG);
        if (svg == null || bundle.get(Png.MIME) != null) {
            return bundle;
        }
        try {
            String png = Png.base64FromSvg(svg);
            MimeBundle withPng = bundle.with(Png.MIME, png);
            // nbconvert prefers SVG to PNG and its HTML export (Debian's 6.5 at least) strips the
            // SVG's content, leaving a blank box. HTML ranks above both, so an <img> of the PNG
            // makes every exporter and front end show the picture.
            return bundle.get(MimeBundle.HTML) != null ? withPng : withPng.with(MimeBundle.HTML, imgTag(svg, png));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("(could not draw the picture as PNG, showing SVG only: " + e + ")");
            return bundle;
        }
    }

    private static final java.util.regex.Pattern SVG_SIZE =
            java.util.regex.Pattern.compile("<svg[^>]*?\\swidth=\"([\\d.]+)\"[^>]*?\\sheight=\"([\\d.]+)\"");

    /** An HTML image of the PNG at the SVG's own size. */
    static String imgTag(String svg, String base64Png) {
        java.util.regex.Matcher size = SVG_SIZE.matcher(svg);
        String dimensions = size.find() ? " width=\"" + size.group(1) + "\" height=\"" + size.group(2) + "\"" : "";
        return "<img src=\"data:image/png;base64," + base64Png + "\"" + dimensions + " alt=\"picture\">";
    }

    /** Arrays longer than this show their first {@link #SHOWN_ELEMENTS} elements and their size. */
    static final int LONG_ARRAY = 64;
    static final int SHOWN_ELEMENTS = 16;
    /** Text longer than this is cut, saying how long it was. */
    static final int LONG_TEXT = 20_000;

    /**
     * The text/plain form: toString, with arrays spelled out. Large values are abbreviated,
     * since a 24-qubit state vector spelled out would be hundreds of megabytes of output: an
     * array shows its first elements and its length, long text its start and its length.
     */
    static String plainText(Object value) {
        String text = value != null && value.getClass().isArray() ? arrayText(value) : String.valueOf(value);
        if (text.length() > LONG_TEXT) {
            return text.substring(0, LONG_TEXT) + String.format(Locale.ROOT, "… (%,d characters in all)", text.length());
        }
        return text;
    }

    private static String arrayText(Object array) {
        int length = Array.getLength(array);
        String type = array.getClass().getComponentType().getSimpleName();
        if (length <= LONG_ARRAY) {
            if (array instanceof Object[] objects) return Arrays.deepToString(objects);
            StringJoiner all = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < length; i++) all.add(String.valueOf(Array.get(array, i)));
            return all.toString();
        }
        StringJoiner first = new StringJoiner(", ", "[", ", …]");
        for (int i = 0; i < SHOWN_ELEMENTS; i++) {
            Object element = Array.get(array, i);
            first.add(element != null && element.getClass().isArray() ? arrayText(element) : String.valueOf(element));
        }
        String note = String.format(Locale.ROOT, "%s[%,d], first %d shown: ", type, length, SHOWN_ELEMENTS);
        return note + first;
    }

    private static String histogramTitle(Result result) {
        return result.shots() + " shots, seed " + result.seed();
    }

    /** A list of maps is a table (one row per map); any other list declines. */
    private static MimeBundle renderList(List<?> list) {
        if (list.isEmpty() || !list.stream().allMatch(row -> row instanceof Map<?, ?>)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> rows = (List<Map<?, ?>>) list;
        Table table = Table.of(rows);
        return MimeBundle.text(table.text()).with(MimeBundle.HTML, table.html());
    }
}
