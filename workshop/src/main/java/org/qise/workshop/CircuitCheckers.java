package org.qise.workshop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.qise.circuit.Circuit;

/**
 * The checkers whose answer is one whole circuit, by exercise name. The portal's workshop grader
 * looks them up for exercises of kind {@code checker:NAME}, so a participant who submits OpenQASM
 * there gets the same verdict and message as in the notebook.
 */
public final class CircuitCheckers {
    /** A checker (given the answer and a checkpoint to call now and then) and the number of qubits its answer has. */
    private record Entry(int qubits, BiFunction<Circuit, Runnable, Feedback> checker) {}

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("minus-state", new Entry(1, (c, checkpoint) -> FirstStepsExercises.minusState(c)));
        BY_NAME.put("singlet", new Entry(2, (c, checkpoint) -> FirstStepsExercises.singlet(c)));
        BY_NAME.put("teleportation-program", new Entry(3, DynamicCircuitExercises::teleportationProgram));
    }

    private CircuitCheckers() {}

    /** The names, in course order. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }

    public static boolean exists(String name) {
        return BY_NAME.containsKey(name);
    }

    /** How many qubits the named exercise's answer has (for listings); the checker itself says when it has others. */
    public static int qubits(String name) {
        return entry(name).qubits();
    }

    /** Checks {@code answer} with the named checker; an unknown name is an IllegalArgumentException listing the known ones. */
    public static Feedback check(String name, Circuit answer) {
        return check(name, answer, () -> {});
    }

    /**
     * As {@link #check(String, Circuit)}; checkers that simulate many shots call {@code checkpoint}
     * between slices of the work, so a grader can stop one that runs past its time by throwing
     * from it (the exception leaves this method).
     */
    public static Feedback check(String name, Circuit answer, Runnable checkpoint) {
        return entry(name).checker().apply(answer, checkpoint);
    }

    private static Entry entry(String name) {
        Entry e = BY_NAME.get(name);
        if (e == null) {
            throw new IllegalArgumentException("there is no circuit checker named '" + name + "'; there are: " + String.join(", ", BY_NAME.keySet()));
        }
        return e;
    }
}
