package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.cli.QiseMain;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** 'qise push' and 'qise run --push' against a real portal, the command run in this JVM. */
class RunPushCliTest {
    record Cli(int code, String out, String err) {}

    static Cli qise(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), env, false).execute(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pushedResultsAreVerifiedAndTamperedOnesFailTheCommand() throws IOException {
        Path dir = TestPortal.tempDir();
        try (TestPortal portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
            String token = portal.token(portal.user("pusher@example.org", Role.FELLOW, null));
            Path circuit = Files.writeString(dir.resolve("ghz.qasm"), Runs.SAMPLED);
            Cli run = qise(Map.of(), "run", circuit.toString(), "--json", "--seed", "5", "--shots", "400");
            assertEquals(0, run.code(), run.err());
            Path result = Files.writeString(dir.resolve("result.json"), run.out());

            Cli pushed = qise(Map.of(), "push", result.toString(), "--portal", portal.base + "/", "--token", token);
            assertEquals(0, pushed.code(), pushed.toString());
            assertTrue(pushed.out().contains("verdict: bit-exact"), pushed.out());
            assertTrue(pushed.out().contains(portal.base + "/runs/"), pushed.out());

            ObjectMapper json = new ObjectMapper();
            ObjectNode edited = (ObjectNode) json.readTree(run.out());
            ObjectNode counts = (ObjectNode) edited.get("counts");
            String first = counts.fieldNames().next();
            String last = null;
            for (var it = counts.fieldNames(); it.hasNext(); ) last = it.next();
            counts.put(first, counts.get(first).asLong() + 1);
            counts.put(last, counts.get(last).asLong() - 1);
            Path tampered = Files.writeString(dir.resolve("tampered.json"), edited.toString());
            Cli flagged = qise(Map.of("QISE_TOKEN", token), "push", tampered.toString(), "--portal", portal.base);
            assertEquals(3, flagged.code(), flagged.toString());
            assertTrue(flagged.out().contains("verdict: different"), flagged.out());

            Cli wrongToken = qise(Map.of(), "push", result.toString(), "--portal", portal.base, "--token", "not-a-token");
            assertEquals(2, wrongToken.code());
            assertTrue(wrongToken.err().contains("the portal refused the result (HTTP 401)"), wrongToken.err());

            Cli runAndPush = qise(Map.of(), "run", circuit.toString(), "--json", "--seed", "6", "--shots", "100", "--push",
                    "--portal", portal.base, "--token", token);
            assertEquals(0, runAndPush.code(), runAndPush.toString());
            JsonNode printed = json.readTree(runAndPush.out());
            assertEquals(100, printed.get("shots").asLong(), "stdout is still the run's JSON");
            assertTrue(runAndPush.err().contains("verdict: bit-exact"), runAndPush.err());
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
