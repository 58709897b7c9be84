package org.qise.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-qubit states as arrows in the Bloch sphere, drawn as SVG in a fixed oblique view:
 * |0⟩ at the top (+z), |1⟩ at the bottom, |+⟩ towards the viewer's left-front (+x), |+i⟩ to the
 * right (+y). A state's arrow is its Bloch vector (⟨X⟩, ⟨Y⟩, ⟨Z⟩):
 *
 * <pre>{@code
 * BlochSphere.of("after H").vector("H|0>", r.expectation("X0"), r.expectation("Y0"), r.expectation("Z0"))
 * }</pre>
 */
public final class BlochSphere {
    private static final int SIZE = 360;
    private static final double RADIUS = 120;
    private static final double AZIMUTH = Math.toRadians(-35);
    private static final double ELEVATION = Math.toRadians(18);

    private record Arrow(String label, double x, double y, double z) {}

    private final String title;
    private final List<Arrow> arrows = new ArrayList<>();

    private BlochSphere(String title) {
        this.title = title;
    }

    /** An empty sphere with a title. */
    public static BlochSphere of(String title) {
        return new BlochSphere(title);
    }

    /** Adds the Bloch vector (x, y, z) = (⟨X⟩, ⟨Y⟩, ⟨Z⟩) with a label; its length is at most 1. */
    public BlochSphere vector(String label, double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        if (!(length <= 1 + 1e-9)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the Bloch vector of '%s' has length %.4f; a state's is at most 1", label, length));
        }
        arrows.add(new Arrow(label, x, y, z));
        return this;
    }

    /** Screen coordinates of a point on or in the sphere. */
    private static double[] project(double x, double y, double z) {
        double c = SIZE / 2.0, cy = SIZE / 2.0 + 14;
        double right = -x * Math.sin(AZIMUTH) + y * Math.cos(AZIMUTH);
        double depth = x * Math.cos(AZIMUTH) + y * Math.sin(AZIMUTH);
        double up = z * Math.cos(ELEVATION) - depth * Math.sin(ELEVATION);
        return new double[] {c + RADIUS * right, cy - RADIUS * up};
    }

    /** The picture as a self-contained SVG document. */
    public String svg() {
        StringBuilder svg = new StringBuilder();
        int height = SIZE + 24 + 18 * arrows.size();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n", SIZE, height, SIZE, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">%s</text>%n", SIZE / 2.0, Table.escape(title)));
        double[] centre = project(0, 0, 0);
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#f4f7fb\" stroke=\"#555\"/>%n", centre[0], centre[1], RADIUS));
        circle(svg, (t) -> project(Math.cos(t), Math.sin(t), 0), "#999");   // equator
        circle(svg, (t) -> project(Math.cos(t), 0, Math.sin(t)), "#ccc");   // x-z meridian
        axis(svg, 1, 0, 0, "x  |+⟩");
        axis(svg, 0, 1, 0, "y  |+i⟩");
        axis(svg, 0, 0, 1, "|0⟩");
        double[] bottom = project(0, 0, -1.12);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">|1⟩</text>%n", bottom[0], bottom[1] + 8));
        for (int k = 0; k < arrows.size(); k++) {
            Arrow a = arrows.get(k);
            String colour = Plot.COLOURS[k % Plot.COLOURS.length];
            double[] tip = project(a.x(), a.y(), a.z());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    centre[0], centre[1], tip[0], tip[1], colour));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>%n", tip[0], tip[1], colour));
            double ly = SIZE + 20 + 18 * k;
            svg.append(String.format(Locale.ROOT, "<rect x=\"20\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>%n", ly - 9, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"40\" y=\"%.1f\">%s  (%.2f, %.2f, %.2f)</text>%n",
                    ly, Table.escape(a.label()), a.x(), a.y(), a.z()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void circle(StringBuilder svg, java.util.function.DoubleFunction<double[]> point, String colour) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= 72; i++) {
            double[] p = point.apply(2 * Math.PI * i / 72);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-dasharray=\"4 3\" points=\"")
                .append(points.toString().strip()).append("\"/>\n");
    }

    private static void axis(StringBuilder svg, double x, double y, double z, String label) {
        double[] from = project(0, 0, 0), to = project(1.12 * x, 1.12 * y, 1.12 * z);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#777\"/>%n", from[0], from[1], to[0], to[1]));
        double[] at = project(1.34 * x, 1.34 * y, 1.34 * z);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", at[0], at[1] + 4, Table.escape(label)));
    }

    @Override
    public String toString() {
        return "BlochSphere '" + title + "' (" + arrows.size() + " states)";
    }
}
