package org.qise.kernel;

import java.util.List;

/**
 * A problem with a cell that the notebook shows as the cell's error. Its {@link #report()}
 * speaks about the cell (lines, columns, the user's own methods) and never shows the
 * kernel's own stack frames.
 */
public abstract class CellException extends Exception {
    protected CellException(String message) {
        super(message, null, false, false);
    }

    /** The lines the notebook shows under the cell. */
    public abstract List<String> report();
}
