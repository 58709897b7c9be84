package org.qise.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spark hands results back by Java serialization: what comes back must print the same JSON line. */
class TaskResultSerializationTest {

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of("bitstrings with leading zeros", Map.of("000", 5L, "010", 7L, "111", 1L)),
                Arguments.of("one 63-bit key", Map.of("1" + "0".repeat(62), 3L)),
                Arguments.of("64-bit keys stay strings", Map.of("1" + "0".repeat(63), 3L, "0".repeat(64), 2L)),
                Arguments.of("registers separated by a space", Map.of("01 1", 4L, "10 0", 6L)),
                Arguments.of("keys of different widths", Map.of("1", 1L, "01", 2L)),
                Arguments.of("bitstrings, then a key that is not one", Map.of("00", 1L, "01", 2L, "0x", 3L)),
                Arguments.of("one width, then a longer key", Map.of("00", 1L, "01", 2L, "011", 3L)),
                Arguments.of("an empty key", Map.of("", 9L)),
                Arguments.of("no shots", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void aResultComesBackFromJavaSerializationPrintingTheSameJsonLine(String label, Map<String, Long> counts) throws Exception {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("engine", "fast");
        manifest.put("seed", 42L);
        TaskResult r = new TaskResult(3, null, List.of("theta"), new double[] {0.25}, List.of("Z0"), new double[] {-0.5},
                counts.isEmpty() ? Map.of() : new TreeMap<>(counts), null, null, manifest);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        TaskResult back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (TaskResult) in.readObject();
        }
        assertEquals(r.jsonLine(), back.jsonLine());
        assertEquals(new TreeMap<>(counts), new TreeMap<>(back.counts()));
    }
}
