package org.qise.engine.mpi;

/** MPI is missing, misconfigured or was launched wrongly; the message says what to do. */
public final class MpiException extends RuntimeException {
    public MpiException(String message) {
        super(message);
    }
}
