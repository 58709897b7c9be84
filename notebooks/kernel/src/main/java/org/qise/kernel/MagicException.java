package org.qise.kernel;

import java.util.List;

/** A %-command line of the cell is unknown or its argument is unusable. */
public final class MagicException extends CellException {
    MagicException(String message) {
        super(message);
    }

    @Override
    public List<String> report() {
        return List.of(getMessage());
    }
}
