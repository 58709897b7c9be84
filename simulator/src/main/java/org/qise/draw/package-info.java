/**
 * Pictures of circuits and results. {@link org.qise.draw.CircuitDiagram} draws circuits as
 * text or SVG from one layout ({@code Layout}: operations packed into columns, {@code Glyphs}:
 * what each operation shows on each wire); {@link org.qise.draw.Histogram} draws counts as
 * terminal bars or SVG bar charts. All SVG goes through {@code SvgWriter}, which escapes every
 * text and keeps the output safe to inline in HTML.
 */
package org.qise.draw;
