package org.qise.notebook;

/** A lesson's claim did not hold for the numbers the notebook computed. */
public final class ClaimFailedException extends RuntimeException {
    public ClaimFailedException(String message) {
        super(message);
    }
}
