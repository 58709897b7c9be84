package org.qise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qise.circuit.Circuit;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * A second engine plugs in without any change to the core: its source is compiled here, packed
 * into a jar with its {@code META-INF/services} entry, and found through {@link java.util.ServiceLoader}.
 */
class EngineProviderLoadingTest {
    @TempDir
    Path dir;

    private static final String PROVIDER = """
            package plug;

            import org.qise.engine.*;

            public final class TinyProvider implements EngineProvider {
                @Override public String name() { return "tiny"; }

                @Override public Engine create(int threads) {
                    return new Engine() {
                        private final Engine exact = new org.qise.engine.exact.ExactEngine();
                        @Override public String name() { return "tiny"; }
                        @Override public int threads() { return 1; }
                        @Override public QuantumState allocate(int n) { return exact.allocate(n); }
                        @Override public void close() { System.setProperty("qise.test.tiny.closed", "true"); }
                    };
                }
            }
            """;

    private Path buildPluginJar() throws Exception {
        Path src = dir.resolve("src/plug/TinyProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PROVIDER);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // The core's classes, wherever the build put them.
        String core = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = javac.run(null, null, null, "-classpath", core, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "the plug-in compiles against the core alone");
        Path jar = dir.resolve("tiny-engine.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/org.qise.engine.EngineProvider"));
            out.write("plug.TinyProvider\n".getBytes());
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                }
            }
        }
        return jar;
    }

    @Test
    void anEngineInASeparateJarIsFoundByNameAndRunsCircuits() throws Exception {
        Path jar = buildPluginJar();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, Engine.class.getClassLoader())) {
            List<String> names = Engines.names(loader);
            assertEquals(List.of("fast", "exact", "tiny"), names, "the core's engines, then the plug-in's");
            assertFalse(Engines.names().contains("tiny"), "the core alone does not know it");
            System.clearProperty("qise.test.tiny.closed");
            Engine tiny = Engines.create("tiny", 1, loader);
            Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measureAll().build();
            try (Simulator sim = Simulator.builder().engine(tiny).shots(2000).seed(4).build(); Result r = sim.run(bell)) {
                assertEquals("tiny", r.manifest().engine());
                assertEquals(java.util.Set.of("00", "11"), r.counts().keySet());
                assertEquals(0.5, r.counts().get("00") / 2000.0, 0.05);
            }
            assertEquals("true", System.getProperty("qise.test.tiny.closed"), "closing the simulator closes the plug-in engine");
        }
    }

    @Test
    void anUnknownEngineNameListsTheRegisteredOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Engines.create("warp", 1));
        assertTrue(e.getMessage().contains("unknown engine 'warp'") && e.getMessage().contains("fast, exact"), e.getMessage());
    }
}
