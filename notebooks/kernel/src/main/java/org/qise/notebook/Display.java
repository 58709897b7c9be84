package org.qise.notebook;

import java.io.PrintStream;

/**
 * What notebook code calls to show things: {@code display(circuit)} draws the circuit below
 * the cell, {@code display(html("<b>…</b>"))} shows markup. The kernel imports
 * {@link #display} into every notebook.
 */
public final class Display {
    /**
     * The standard output that leads to the kernel, kept from start-up so that a notebook
     * that redirects System.out does not lose its displays.
     */
    private static final PrintStream TO_KERNEL = System.out;

    private Display() {}

    /** Shows {@code value} below the running cell, drawn by its renderer (see {@link Renderers}). */
    public static void display(Object value) {
        send(DisplayWire.Kind.DISPLAY, Renderers.render(value));
    }

    /**
     * Shows {@code value} below the running cell as a display that {@link #update} can later
     * replace in place: for progress, or a picture that changes as a loop runs.
     */
    public static void display(Object value, String displayId) {
        send(DisplayWire.Kind.DISPLAY, Renderers.render(value), displayId);
    }

    /** Replaces what the display {@code displayId} shows (it may be in an earlier cell). */
    public static void update(String displayId, Object value) {
        send(DisplayWire.Kind.UPDATE, Renderers.render(value), displayId);
    }

    /** HTML to show as it is. */
    public static MimeBundle html(String html) {
        return MimeBundle.of(MimeBundle.HTML, html).with(MimeBundle.TEXT, "[HTML]");
    }

    /** An SVG picture to show as it is. */
    public static MimeBundle svg(String svg) {
        return MimeBundle.of(MimeBundle.SVG, svg).with(MimeBundle.TEXT, "[SVG image]");
    }

    /** Markdown text to show formatted. */
    public static MimeBundle markdown(String markdown) {
        return MimeBundle.of(MimeBundle.MARKDOWN, markdown).with(MimeBundle.TEXT, markdown);
    }

    static void send(DisplayWire.Kind kind, MimeBundle bundle) {
        send(kind, bundle, null);
    }

    static void send(DisplayWire.Kind kind, MimeBundle bundle, String displayId) {
        synchronized (TO_KERNEL) {
            TO_KERNEL.flush();
            TO_KERNEL.print(DisplayWire.encode(kind, bundle, displayId));
            TO_KERNEL.flush();
        }
    }
}
