package org.qise.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskRunnerTest {

    static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    static final String RX = HEADER + "qreg q[1];\ncreg c[1];\nrx(theta) q[0];\nmeasure q -> c;\n";

    static Task rx(long index, double theta, long shots, boolean hash) {
        return new Task(index, null, RX, List.of("theta"), new double[]{theta}, null,
                new TaskOptions(List.of("Z0", "Y0"), shots, "fast", false, hash), 42);
    }

    @ParameterizedTest(name = "theta = {0}")
    @CsvSource({"0", "0.5", "1.5707963267948966", "2.5", "3.141592653589793", "-1"})
    void expectationValuesMatchTheClosedForm(double theta) {
        TaskResult r = new TaskRunner().run(rx(0, theta, 0, false));
        // rx(θ)|0⟩ = cos(θ/2)|0⟩ − i sin(θ/2)|1⟩: ⟨Z⟩ = cos θ, ⟨Y⟩ = −sin θ
        assertEquals(Math.cos(theta), r.expectations()[0], 1e-12);
        assertEquals(-Math.sin(theta), r.expectations()[1], 1e-12);
        assertTrue(r.counts().isEmpty());
    }

    @Test
    void aTasksCountsDependOnlyOnTheSeedAndItsIndex() {
        TaskRunner warm = new TaskRunner();
        for (int k = 0; k < 5; k++) warm.run(rx(k, 1.0 + k, 500, false));
        TaskResult afterOthers = warm.run(rx(7, 1.2, 500, false));
        TaskResult alone = new TaskRunner().run(rx(7, 1.2, 500, false));
        assertEquals(alone.counts(), afterOthers.counts());
        assertEquals(alone.jsonLine(), afterOthers.jsonLine());
        assertNotEquals(alone.counts(), new TaskRunner().run(rx(8, 1.2, 500, false)).counts(), "another index samples another stream");
        assertEquals(500L, alone.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theStateHashIsTheSha256OfTheAmplitudes() throws Exception {
        Task x = new Task(0, "x.qasm", HEADER + "qreg q[1];\nx q[0];\n", List.of(), new double[0], null,
                new TaskOptions(List.of(), 0, "fast", false, true), 1);
        // X|0⟩ = |1⟩: amplitudes (re, im) = (0, 0), (1, 0)
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("amplitudes\n".getBytes(StandardCharsets.UTF_8));
        md.update(ByteBuffer.allocate(32).putDouble(0).putDouble(0).putDouble(1).putDouble(0).array());
        assertEquals(HexFormat.of().formatHex(md.digest()), new TaskRunner().run(x).stateSha256());
        Task h = new Task(0, "h.qasm", HEADER + "qreg q[1];\nh q[0];\n", List.of(), new double[0], null,
                new TaskOptions(List.of(), 0, "fast", false, true), 1);
        assertNotEquals(new TaskRunner().run(x).stateSha256(), new TaskRunner().run(h).stateSha256());
        assertNull(new TaskRunner().run(rx(0, 1, 0, false)).stateSha256(), "not asked for");
    }

    @Test
    void aTaskSurvivesJavaSerialisation() throws IOException, ClassNotFoundException {
        Task t = rx(3, 0.7, 100, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertEquals(t, back);
        assertEquals(new TaskRunner().run(t).jsonLine(), new TaskRunner().run((Task) back).jsonLine());
    }

    @Test
    void expectationValuesOfACircuitWithoutAFinalStateAreRefused() {
        Task mid = new Task(0, null, HEADER + "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nx q[0];\n", List.of(), new double[0], null,
                new TaskOptions(List.of("Z0"), 10, "fast", false, false), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TaskRunner().run(mid));
        assertTrue(e.getMessage().contains("mid-circuit"), e.getMessage());
    }
}
