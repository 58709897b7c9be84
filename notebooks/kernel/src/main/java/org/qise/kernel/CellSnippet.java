package org.qise.kernel;

/**
 * One Java snippet of a cell (a statement, declaration or expression) as JShell evaluates it.
 *
 * @param code             the snippet, starting at its first token (no leading blank lines or
 *                         comments, so that JShell's line numbers count from the right place)
 * @param offset           where {@code code} starts in the cell
 * @param endsInSemicolon  whether the author ended it with ';' (which keeps a last expression
 *                         from being shown as the cell's result)
 */
record CellSnippet(String code, int offset, boolean endsInSemicolon) {}
