package org.qise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use the simulator from your own Maven project" section, taken from README.md as
 * it stands: its Java snippet is compiled and run against the packaged core jar and the core's
 * runtime classpath alone (as Maven hands it to a project that depends on qise-simulator, written
 * by the build to target/runtime-classpath.txt), so the snippet cannot rot and cannot lean on a
 * library the core does not bring. Needs {@code mvn package} first, hence an IT.
 */
class ReadmeSnippetIT {
    static final String SECTION = "## Use the simulator from your own Maven project";

    @TempDir
    static Path dir;
    static String section;
    static List<String> classpath;

    @BeforeAll
    static void readTheSectionAndTheClasspath() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has no section '" + SECTION + "'");
        int end = readme.indexOf("\n## ", start + SECTION.length());
        section = readme.substring(start, end < 0 ? readme.length() : end);

        classpath = new ArrayList<>();
        classpath.add(module.resolve("target/qise-simulator.jar").toString());
        String deps = Files.readString(module.resolve("target/runtime-classpath.txt")).strip();
        if (!deps.isEmpty()) classpath.addAll(List.of(deps.split(File.pathSeparator)));
        for (String entry : classpath) assertTrue(Files.isRegularFile(Path.of(entry)), entry + " is not built");
    }

    private static String block(String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "the README section has no ```" + language + " block");
        return m.group(1);
    }

    @Test
    void theCoresRuntimeClasspathHoldsNoneOfTheCommandsLibraries() {
        for (String entry : classpath) {
            String name = Path.of(entry).getFileName().toString();
            for (String banned : List.of("picocli", "jackson", "strange", "qise-cli", "qise-json", "qise-strange")) {
                assertFalse(name.contains(banned), entry + " is on the core's runtime classpath");
            }
        }
    }

    @Test
    void theDependencyBlockNamesThisBuildsCoreArtifact() {
        String xml = block("xml");
        assertTrue(xml.contains("<groupId>org.qise</groupId>"), xml);
        assertTrue(xml.contains("<artifactId>qise-simulator</artifactId>"), xml);
        assertTrue(xml.contains("<version>" + System.getProperty("qise.version") + "</version>"), xml);
        assertTrue(block("bash").contains("mvn install -DskipTests -pl simulator -am"), block("bash"));
    }

    /** Compiles {@code java} (a public class CLASS) against the core's classpath alone, runs it, and gives what it printed. */
    private static String compileAndRun(String java) throws Exception {
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(java);
        assertTrue(cls.find(), "the snippet declares no public class");
        Path source = dir.resolve(cls.group(1) + ".java");
        Files.writeString(source, java);
        String cp = String.join(File.pathSeparator, classpath);

        var err = new java.io.ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, err, err,
                "--release", "25", "-cp", cp, "-d", dir.toString(), source.toString());
        assertEquals(0, compiled, "the snippet does not compile on the core's classpath:\n" + err);

        Path out = dir.resolve(cls.group(1) + ".out"), errs = dir.resolve(cls.group(1) + ".err");
        Path java25 = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java25.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", dir + File.pathSeparator + cp, cls.group(1))
                .redirectOutput(out.toFile()).redirectError(errs.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the snippet did not finish");
        assertEquals(0, p.exitValue(), Files.readString(errs));
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    @Test
    void theJavaSnippetCompilesAndRunsOnTheCoreAloneAndPrintsWhatTheReadmeSays() throws Exception {
        String printed = compileAndRun(block("java"));

        // A Bell pair measured 1000 times: only 00 and 11, each about half (five sigma is ±79).
        Map<String, Long> counts = new TreeMap<>();
        Matcher kv = Pattern.compile("(\\d+)=(\\d+)").matcher(printed);
        while (kv.find()) counts.put(kv.group(1), Long.parseLong(kv.group(2)));
        assertEquals(List.of("00", "11"), List.copyOf(counts.keySet()), printed);
        assertEquals(1000, counts.values().stream().mapToLong(Long::longValue).sum(), printed);
        assertTrue(Math.abs(counts.get("00") - 500) <= 79, printed);

        // … and exactly the line the README promises for this seed.
        assertTrue(section.contains("It prints `" + printed + "`"), "README says otherwise; the snippet printed " + printed);
    }

    @Test
    void aNoiseModelFileReadsOnTheCoreAlone() throws Exception {
        // Gson reads noise-model JSON: it must come with the core (and work without the annotations
        // jar its pom names, which the parent excludes).
        String printed = compileAndRun("""
                import org.qise.noise.NoiseException;
                import org.qise.noise.NoiseModelJson;

                public class ReadNoise {
                    public static void main(String[] args) {
                        var m = NoiseModelJson.read("{\\"schema\\": \\"qise-noise-model/1\\", \\"idle\\": {\\"type\\": \\"bit_flip\\", \\"p\\": 0.25}}");
                        System.out.print(NoiseModelJson.canonicalText(m));
                        try {
                            NoiseModelJson.read("{\\"schema\\":\\n [}");
                        } catch (NoiseException e) {
                            System.out.println(e.getMessage());
                        }
                    }
                }
                """);
        List<String> lines = printed.lines().toList();
        assertEquals("{\"schema\":\"qise-noise-model/1\",\"idle\":{\"type\":\"bit_flip\",\"p\":0.25}}", lines.get(0), printed);
        assertTrue(lines.get(1).startsWith("not valid JSON at line 2, column "), printed);
    }
}
