package org.qise.kernel;

import java.util.List;

/** The cell was stopped on request; the rest of the cell did not run. */
public final class ExecutionInterruptedException extends CellException {
    ExecutionInterruptedException() {
        super("the cell was interrupted; definitions from earlier cells are kept");
    }

    @Override
    public List<String> report() {
        return List.of("Interrupted: " + getMessage() + ".");
    }
}
