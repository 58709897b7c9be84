package org.qise.portal.circuits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.qise.circuit.Circuit;
import org.qise.draw.CircuitDiagram;
import org.qise.portal.PortalException;
import org.qise.portal.web.Html;
import org.qise.sim.Manifest;

/**
 * Circuit diagrams drawn once per circuit version and kept, within a byte budget, keyed by the
 * SHA-256 of the version's text (a version never changes, so neither does its diagram). A
 * diagram that would be huge is not drawn at all: a circuit larger than {@link #MAX_CELLS}
 * wire-by-operation cells, or an SVG over {@link #MAX_SVG_CHARS}, gets a small picture saying
 * so, so that anonymous requests for a big public circuit cost a map lookup, not megabytes.
 */
public final class DiagramCache {
    /** Upper bound on the drawing's grid: (qubits + classical bits) × operations. */
    public static final long MAX_CELLS = 200_000;
    /** Largest SVG kept and sent. */
    public static final int MAX_SVG_CHARS = 2 << 20;

    /** A drawn diagram with the hash that names its version (usable as an ETag). */
    public record Diagram(String svg, String sha256, boolean drawn) {}

    private final long budgetChars;
    private long usedChars;
    /** Least recently used first. */
    private final LinkedHashMap<String, Diagram> kept = new LinkedHashMap<>(16, 0.75f, true);
    /** Drawings in progress, so concurrent requests for one version draw it once. */
    private final ConcurrentHashMap<String, CompletableFuture<Diagram>> drawing = new ConcurrentHashMap<>();

    public DiagramCache(long budgetChars) {
        this.budgetChars = budgetChars;
    }

    /** The diagram of a stored (already validated) circuit text. */
    public Diagram of(String qasm) {
        String sha = Manifest.sha256(qasm);
        synchronized (this) {
            Diagram d = kept.get(sha);
            if (d != null) return d;
        }
        CompletableFuture<Diagram> mine = new CompletableFuture<>();
        CompletableFuture<Diagram> running = drawing.putIfAbsent(sha, mine);
        if (running != null) return join(running);
        try {
            Diagram d = draw(qasm, sha);
            keep(d);
            mine.complete(d);
            return d;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            drawing.remove(sha);
        }
    }

    private static Diagram draw(String qasm, String sha) {
        return draw(QasmCheck.parse(qasm), sha);
    }

    /**
     * The SVG of a circuit that is not stored (an edit form's preview), drawn under the same size
     * caps and not kept: unsaved text must not push stored versions out of the cache.
     */
    public static String drawUnkept(Circuit c) {
        return draw(c, "").svg();
    }

    private static Diagram draw(Circuit c, String sha) {
        long cells = (long) (c.numQubits() + c.numClbits()) * c.operations().size();
        if (cells > MAX_CELLS) {
            return new Diagram(placeholder(c.numQubits() + " qubits and " + c.operations().size() + " operations"), sha, false);
        }
        String svg;
        try {
            svg = CircuitDiagram.svg(c);
        } catch (UnsupportedOperationException e) {
            throw new PortalException(503, "circuit diagrams are not available in this build");
        }
        if (svg.length() > MAX_SVG_CHARS) return new Diagram(placeholder("a drawing of " + svg.length() / 1024 + " KiB"), sha, false);
        return new Diagram(svg, sha, true);
    }

    /** A small SVG in place of a diagram too large to draw. */
    static String placeholder(String why) {
        String text = Html.escape("Too large to draw here (" + why + "); download the OpenQASM text instead.");
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\" viewBox=\"0 0 640 40\">"
                + "<text x=\"8\" y=\"24\" font-family=\"sans-serif\" font-size=\"14\">" + text + "</text></svg>";
    }

    private synchronized void keep(Diagram d) {
        if (d.svg().length() > budgetChars) return;
        if (kept.put(d.sha256(), d) == null) usedChars += d.svg().length();
        var it = kept.entrySet().iterator();
        while (usedChars > budgetChars && it.hasNext()) {
            Map.Entry<String, Diagram> oldest = it.next();
            usedChars -= oldest.getValue().svg().length();
            it.remove();
        }
    }

    synchronized int size() {
        return kept.size();
    }

    private static Diagram join(CompletableFuture<Diagram> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalException(503, "interrupted while drawing the diagram");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }
}
