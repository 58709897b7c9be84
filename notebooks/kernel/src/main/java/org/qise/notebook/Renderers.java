package org.qise.notebook;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
                        return bundle;
                    }
                } catch (RuntimeException | LinkageError e) {
                    System.err.println("(could not draw " + value.getClass().getSimpleName() + ": " + e + ")");
                }
            }
        }
        return MimeBundle.text(plainText(value));
    }

    /** The text/plain form: toString, with arrays spelled out. */
    static String plainText(Object value) {
        if (value instanceof Object[] array) return Arrays.deepToString(array);
        if (value instanceof int[] array) return Arrays.toString(array);
        if (value instanceof long[] array) return Arrays.toString(array);
        if (value instanceof double[] array) return Arrays.toString(array);
        if (value instanceof boolean[] array) return Arrays.toString(array);
        if (value instanceof byte[] array) return Arrays.toString(array);
        if (value instanceof char[] array) return Arrays.toString(array);
        if (value instanceof float[] array) return Arrays.toString(array);
        if (value instanceof short[] array) return Arrays.toString(array);
        return String.valueOf(value);
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
