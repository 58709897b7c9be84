package org.qise.portal.circuits;

/**
 * What the edit form shows after "Preview": the diagram (inline SVG drawn by the server) or the
 * reason there is none, the highlighted source and the rendered description. Nothing is stored.
 */
public record CircuitPreview(String svg, String error, String sourceHtml, String descriptionHtml, Integer qubits, Integer gates) {}
