package org.qise.cli;

/**
 * A problem with what the user asked for (a missing file, malformed OpenQASM, a bad option):
 * reported as one paragraph on stderr, {@code qise: error: …}, with exit code 2 and never a
 * stack trace.
 */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
