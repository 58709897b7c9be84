package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Register;

class ResultDocumentTest {
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    private static final String SHA = "ab".repeat(32);

    private static Map<String, Object> fields(Map<String, Long> counts) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("circuit_sha256", SHA);
        manifest.put("simulator", "qise");
        manifest.put("simulator_version", "0.1.0");
        manifest.put("engine", "fast");
        manifest.put("threads", 2);
        manifest.put("seed", 7L);
        manifest.put("shots", 10L);
        manifest.put("options", Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", "bell.qasm");
        m.put("shots", 10L);
        m.put("seed", 7L);
        m.put("engine", "fast");
        m.put("counts", counts);
        m.put("manifest", manifest);
        m.put("circuit_qasm", QASM);
        return m;
    }

    private static String valid() {
        Map<String, Long> counts = new LinkedHashMap<>(); // deliberately out of order
        counts.put("11", 6L);
        counts.put("00", 4L);
        return ResultDocument.write(fields(counts));
    }

    @Test
    void writerPrintsFieldsInTheirOrderCountsSortedTwoSpaceIndentAndAFinalNewline() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shots", 3);
        m.put("counts", Map.of("1", 2L, "0", 1L));
        m.put("statevector", ResultDocument.amplitudePairs(new double[]{0.5, -0.5}));
        String expected = "{\n  \"shots\": 3,\n  \"counts\": {\n    \"0\": 1,\n    \"1\": 2\n  },\n  \"statevector\": [ [ 0.5, -0.5 ] ]\n}\n";
        assertEquals(expected, ResultDocument.write(m));
    }

    @Test
    void readerGivesBackWhatTheWriterWrote() {
        ResultDocument d = ResultDocument.read(valid());
        assertEquals(10, d.shots());
        assertEquals(7, d.seed());
        assertEquals("fast", d.engine());
        assertEquals(QASM, d.circuitQasm());
        assertEquals(new TreeMap<>(Map.of("00", 4L, "11", 6L)), d.counts());
        assertEquals(List.of("00", "11"), List.copyOf(d.counts().keySet()), "sorted by bitstring");
        assertEquals("bell.qasm", d.fields().get("file").asText());
        assertEquals(SHA, d.manifest().get("circuit_sha256").asText());
        // and writing what was read gives the same bytes again
        assertEquals(valid(), ResultDocument.write(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(d.fields(), LinkedHashMap.class)));
    }

    @Test
    void resultHashIsTheSha256OfTheVersionShotsAndSortedCountLines() throws Exception {
        String text = "qise-result 1\nshots 10\n00\t4\n11\t6\n";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, ResultDocument.canonicalText(10, Map.of("11", 6L, "00", 4L)));
        assertEquals(expected, ResultDocument.read(valid()).resultSha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON at all                | <<{ "shots": >>                                | $                            | is not JSON at line
            an array                       | <<[1, 2]>>                                     | $                            | must be a JSON object
            empty circuit                  | "circuit_qasm" : "OPENQASM=>"circuit_qasm" : " ", "x" : "OPENQASM | $.circuit_qasm | is empty
            shots as text                  | "shots" : 10=>"shots" : "10"                   | $.shots                      | must be a whole number, got a string
            shots negative                 | "shots" : 10,\\n  "seed"=>"shots" : -1,\\n  "seed" | $.shots                   | must not be negative
            counts a list                  | "counts" : {=>"counts" : [ ], "x": {           | $.counts                     | must be an object
            bitstring with a letter        | "11" : 6=>"1x" : 6                             | $.counts['1x']               | is not a bitstring
            two spaces between registers   | "11" : 6=>"1  1" : 6                           | $.counts['1  1']             | is not a bitstring
            fractional count               | "11" : 6=>"11" : 6.5                           | $.counts['11']               | must be a whole number, got a number with a fraction
            negative count                 | "11" : 6=>"11" : -6                            | $.counts['11']               | must not be negative
            no manifest                    | "manifest"=>"manifesto"                        | $.manifest                   | is required
            short hash                     | abababab=>ABABABAB                             | $.manifest.circuit_sha256    | 64 lower-case hexadecimal
            manifest seed differs          | "seed" : 7,\\n    "shots"=>"seed" : 8,\\n    "shots" | $.manifest.seed          | is 8 but $.seed is 7
            manifest engine differs        | "engine" : "fast",\\n    "threads"=>"engine" : "exact",\\n    "threads" | $.manifest.engine | is "exact" but $.engine is "fast"
            zero threads                   | "threads" : 2=>"threads" : 0                   | $.manifest.threads           | must be at least 1
            options a string               | "options" : { }=>"options" : "none"            | $.manifest.options           | must be an object, got a string
            counts empty with shots        | "counts" : {=>"counts" : { }, "x" : {          | $.counts                     | is empty
            stated hash of other counts    | "file" : =>"result_sha256" : "00", "file" :    | $.result_sha256              | but the counts hash to
            API hash of other counts       | "file" : =>"resultSha256" : "00", "file" :     | $.resultSha256               | but the counts hash to
            a page of the API's counts     | "file" : =>"countsNextCursor" : "00", "file" : | $.counts                     | is one page of the counts
            another circuit in manifest    | "options" : { }=>"options" : { }, "circuit_qasm" : "qreg q[1];" | $.manifest.circuit_qasm | is not the text of $.circuit_qasm
            probabilities an object        | "file" : =>"probabilities" : { }, "file" :     | $.probabilities              | must be an array of numbers
            probability a string           | "file" : =>"probabilities" : [ 0.5, "x" ], "file" : | $.probabilities[1]      | must be a number, got a string
            amplitude not a pair           | "file" : =>"statevector" : [ [ 1, 0 ], [ 0 ] ], "file" : | $.statevector[1]   | must be an [re, im] pair
            """)
    void readerRefusesMalformedDocumentsNamingTheJsonPath(String what, String change, String path, String problem) {
        String text = mutate(valid().replace("\": ", "\" : "), change);
        ResultDocument.Invalid e = assertThrows(ResultDocument.Invalid.class, () -> ResultDocument.read(text), what);
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problem), what + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith(path + " "), e.getMessage());
    }

    @Test
    void aDocumentWithoutItsCircuitReadsButCannotBePushed() {
        String text = mutate(valid(), "\"circuit_qasm\"=>\"circuit\"");
        ResultDocument d = ResultDocument.read(text);
        assertEquals(null, d.circuitQasm());
        ResultDocument.Invalid e = assertThrows(ResultDocument.Invalid.class, d::requireCircuit);
        assertEquals("$.circuit_qasm is required", e.getMessage());
        assertEquals(QASM, ResultDocument.read(valid()).requireCircuit().circuitQasm());
    }

    @Test
    void thePortalsFormsReadTooTheCircuitInTheManifestAndTheHashStatedBesideTheCounts() throws Exception {
        // result.json and the API answer of a portal run: the circuit inside the manifest, the result's hash stated
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(valid());
        String qasm = node.remove("circuit_qasm").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("manifest")).put("circuit_qasm", qasm);
        String hash = sha256("qise-result 1\nshots 10\n00\t4\n11\t6\n");
        node.put("resultSha256", hash).put("result_sha256", hash);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("manifest")).put("result_sha256", hash);
        node.putArray("probabilities").add(0.5).add(0).add(0).add(0.5);
        node.putArray("statevector").add(json.readTree("[0.5, -0.5]")).add(json.readTree("[0, 1]"));
        ResultDocument d = ResultDocument.read(node);
        assertEquals(qasm, d.requireCircuit().circuitQasm());
        assertEquals(hash, d.resultSha256());
        assertEquals(SHA, d.circuitSha256());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{0.5, 0, 0, 0.5}, d.probabilities());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[][]{{0.5, -0.5}, {0, 1}}, d.statevector());
        assertEquals(null, ResultDocument.read(valid()).probabilities());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** "<<text>>" replaces the document; "a=>b" replaces the first a (\n for a newline). */
    private static String mutate(String doc, String change) {
        if (change.startsWith("<<")) return change.substring(2, change.length() - 2);
        String[] ab = change.replace("\\n", "\n").split("=>", 2);
        assertTrue(doc.contains(ab[0]), "the test's document has no " + ab[0] + ":\n" + doc);
        return doc.replaceFirst(java.util.regex.Pattern.quote(ab[0]), java.util.regex.Matcher.quoteReplacement(ab[1]));
    }

    @ParameterizedTest(name = "index {0} of {1} bits is {2}")
    @CsvSource({"0, 1, 0", "1, 1, 1", "5, 4, 0101", "6, 3, 110", "1, 5, 00001", "16, 5, 10000", "5, 0, ''",
            "-1, 64, 1111111111111111111111111111111111111111111111111111111111111111",
            "-9223372036854775808, 64, 1000000000000000000000000000000000000000000000000000000000000000",
            "3, 66, 000000000000000000000000000000000000000000000000000000000000000011"})
    void basisStatesAreWrittenHighestQubitFirst(long index, int n, String expected) {
        assertEquals(expected, Bitstrings.ofIndex(index, n));
    }

    /** Every width 1..64: qubit q alone set is a 1 at q places from the right, and the text is a count key. */
    static java.util.stream.Stream<Integer> widths() {
        return java.util.stream.IntStream.rangeClosed(1, 64).boxed();
    }

    @ParameterizedTest(name = "{0} bits")
    @org.junit.jupiter.params.provider.MethodSource("widths")
    void qubitZeroIsTheRightmostCharacterAtEveryWidth(int n) {
        for (int q = 0; q < n; q++) {
            String text = Bitstrings.ofIndex(1L << q, n);
            // the reference: n characters, all '0' but the one q places from the right
            char[] expected = "0".repeat(n).toCharArray();
            expected[n - 1 - q] = '1';
            assertEquals(new String(expected), text, "qubit " + q);
            assertTrue(Bitstrings.isCountKey(text));
        }
        // and a register's bits go through the same convention: bit q of c[n] set alone is the same text
        boolean[] bits = new boolean[n];
        bits[0] = true;
        assertEquals(Bitstrings.ofIndex(1, n), Bitstrings.format(bits, List.of(new Register(Register.Kind.CLASSICAL, "c", 0, n))));
        assertEquals("0".repeat(n), Bitstrings.ofIndex(0, n));
        assertEquals(n == 64 ? "1".repeat(64) : "1".repeat(n), Bitstrings.ofIndex(n == 64 ? -1L : (1L << n) - 1, n));
    }

    @Test
    void aNegativeWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bitstrings.ofIndex(0, -1));
    }

    @Test
    void registersAreWrittenLastDeclaredLeftmostEachFromItsHighestBit() {
        // c = bits 0..1, d = bits 2..4; c[0]=1, d[2]=1 (bit 4)
        boolean[] bits = {true, false, false, false, true};
        String key = Bitstrings.format(bits, List.of(new Register(Register.Kind.CLASSICAL, "c", 0, 2), new Register(Register.Kind.CLASSICAL, "d", 2, 3)));
        assertEquals("100 01", key);
        assertTrue(Bitstrings.isCountKey(key));
    }
}
