package org.qise.kernel;

import java.util.List;

/** Notebook code threw an exception; the report shows its message and the notebook's own frames. */
public final class UserCodeException extends CellException {
    private final List<String> report;

    UserCodeException(String message, List<String> report) {
        super(message);
        this.report = List.copyOf(report);
    }

    @Override
    public List<String> report() {
        return report;
    }
}
