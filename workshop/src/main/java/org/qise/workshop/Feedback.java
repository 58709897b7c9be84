package org.qise.workshop;

/**
 * A checker's verdict on one exercise answer: whether it is right and, when not, what is wrong
 * in words a student can act on. Checkers return it rather than printing, so that the same
 * checking code can serve a notebook (see {@link #show()}) and the portal's workshop grader,
 * which stores the message beside the submission.
 */
public record Feedback(String exercise, boolean correct, String message) {
    /** A right answer, with a line saying what was confirmed. */
    public static Feedback right(String exercise, String message) {
        return new Feedback(exercise, true, message);
    }

    /** A wrong answer, with what is wrong. */
    public static Feedback wrong(String exercise, String message) {
        return new Feedback(exercise, false, message);
    }

    /**
     * In a notebook: prints "✓ exercise: message" for a right answer; for a wrong one stops
     * the cell with the message, so the student sees what to fix.
     */
    public Feedback show() {
        if (!correct) {
            throw new ExerciseNotSolvedException("exercise '" + exercise + "' is not solved yet: " + message);
        }
        System.out.println("✓ exercise '" + exercise + "': " + message);
        return this;
    }

    @Override
    public String toString() {
        return (correct ? "right" : "not yet") + " — " + exercise + ": " + message;
    }
}
