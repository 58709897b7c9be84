package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %time and %maven, the latter against a local repository laid out as Maven lays it out. */
class TimeAndMavenMagicsTest {
    @TempDir
    Path repository;

    private Path artifact(String group, String artifact, String version, String dependencies) throws IOException {
        Path folder = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(folder);
        Path jar = Files.createFile(folder.resolve(artifact + "-" + version + ".jar"));
        Files.writeString(folder.resolve(artifact + "-" + version + ".pom"), """
                <project><properties><dep.version>2.0</dep.version></properties>
                <dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>managed-only</artifactId>
                <version>9</version></dependency></dependencies></dependencyManagement>
                <dependencies>%s</dependencies></project>""".formatted(dependencies));
        return jar;
    }

    private static String dependency(String group, String artifact, String version, String extra) {
        return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>") + extra + "</dependency>";
    }

    @Test
    void timeIsRemovedFromTheCodeAndAsksForTiming() throws Exception {
        Magics.Parsed parsed = Magics.parse("%time\nint a = 1;", Path.of("."));
        assertTrue(parsed.timed());
        assertEquals("\nint a = 1;", parsed.code());
        assertEquals("%time stands alone on its line and times the whole cell (line 1)",
                assertThrows(MagicException.class, () -> Magics.parse("%time 3", Path.of("."))).getMessage());
    }

    @Test
    void mavenAddsTheJarAndItsRuntimeDependenciesFollowingPropertiesAndSkippingTestScope() throws Exception {
        Path lib = artifact("org.example", "lib", "1.0", dependency("org.example", "dep", "${dep.version}", "")
                + dependency("org.example", "tested", "1.0", "<scope>test</scope>")
                + dependency("org.example", "extra", "1.0", "<optional>true</optional>")
                + dependency("org.example", "managed", null, ""));
        Path dep = artifact("org.example", "dep", "2.0", dependency("${project.groupId}", "leaf", "${project.version}", ""));
        Path leaf = artifact("org.example", "leaf", "2.0", "");
        Magics.Parsed parsed = Magics.parse("%maven org.example:lib:1.0\nint a;", Path.of("."), new MavenLocal(repository));
        assertEquals(List.of(lib, dep, leaf), parsed.classpath());
        assertEquals(List.of("%maven org.example:lib:1.0: not added: org.example:managed (its version is managed by a parent pom; add it with its own %maven)"),
                parsed.notes());
        assertEquals("\nint a;", parsed.code());
    }

    @Test
    void aLibraryMissingFromTheLocalRepositorySaysHowToFetchIt() {
        MagicException e = assertThrows(MagicException.class,
                () -> Magics.parse("%maven org.example:absent:1.0", Path.of("."), new MavenLocal(repository)));
        assertTrue(e.getMessage().startsWith("%maven: org.example:absent:1.0 is not in the local Maven repository"), e.getMessage());
        assertTrue(e.getMessage().endsWith("mvn dependency:get -Dartifact=org.example:absent:1.0"), e.getMessage());
        assertEquals("%maven: 'commons-math3' is not group:artifact:version (e.g. org.apache.commons:commons-math3:3.6.1)",
                assertThrows(MagicException.class, () -> Magics.parse("%maven commons-math3", Path.of("."), new MavenLocal(repository))).getMessage());
    }

    @Test
    void anExerciseCellRunsTheStudentsCodeWhenSolutionsAreOffAndTheSolutionWhenOn(@TempDir Path solutions) throws Exception {
        Files.createDirectories(solutions.resolve("lesson"));
        Files.writeString(solutions.resolve("lesson/answer.jsh"), "int answer() { return 42; }");
        String cell = "%solution lesson/answer\nint answer() {\n    return 0; // your turn\n}";
        assertEquals("\nint answer() {\n    return 0; // your turn\n}", Magics.parse(cell, Path.of("."), new MavenLocal(repository), null).code());
        assertEquals("int answer() { return 42; }", Magics.parse(cell, Path.of("."), new MavenLocal(repository), solutions).code());
        assertTrue(assertThrows(MagicException.class,
                () -> Magics.parse("%solution lesson/missing", Path.of("."), new MavenLocal(repository), solutions))
                .getMessage().startsWith("%solution: solutions are switched on but "));
    }
}
