package org.qise.workshop;

/**
 * Thrown by {@link Feedback#show()} for a wrong answer: in a notebook it stops the cell (and a
 * headless run of the lesson) with what is wrong, as a failed claim does.
 */
public final class ExerciseNotSolvedException extends RuntimeException {
    public ExerciseNotSolvedException(String message) {
        super(message);
    }
}
