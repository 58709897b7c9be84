package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupJarsTest {
    @TempDir
    Path dir;

    private static Path picocliJar() throws Exception {
        return Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Entry name → class-file major version (read from the header: magic, minor, major), or -1 for other files. */
    private static Map<String, Integer> versions(Path jar) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().endsWith(".class")) {
                    out.put(e.getName(), -1);
                    continue;
                }
                DataInputStream data = new DataInputStream(in);
                assertEquals(0xCAFEBABE, data.readInt(), e.getName());
                data.readUnsignedShort();
                out.put(e.getName(), data.readUnsignedShort());
            }
        }
        return out;
    }

    @Test
    void picocliIsCompiledForJava5SoTheCacheWouldLeaveItOut() throws Exception {
        assertEquals(49, versions(picocliJar()).get("picocli/CommandLine.class"));
    }

    @Test
    void rewrittenJarHasTheSameEntriesAndNoClassOlderThanJava6() throws Exception {
        Path out = dir.resolve("picocli.jar");
        int rewritten = StartupJars.rewrite(picocliJar(), out);
        Map<String, Integer> before = versions(picocliJar()), after = versions(out);
        assertEquals(before.keySet(), after.keySet());
        long old = before.entrySet().stream().filter(e -> !e.getKey().startsWith("META-INF/") && e.getValue() >= 0 && e.getValue() < 50).count();
        assertEquals(old, rewritten);
        after.forEach((name, major) -> {
            if (major >= 0 && !name.startsWith("META-INF/")) assertTrue(major >= 50, name + " is still version " + major);
        });
    }

    @Test
    void everyRewrittenClassPassesTheModernVerifierAndStillWorks() throws Exception {
        Path out = dir.resolve("picocli.jar");
        StartupJars.rewrite(picocliJar(), out);
        // A loader that sees only the rewritten jar (and the JDK), so the copies are the ones verified.
        try (URLClassLoader loader = new URLClassLoader(new URL[]{out.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            int linked = 0;
            for (String name : versions(out).keySet()) {
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) continue;
                Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
                assertEquals(loader, c.getClassLoader());
                linked++;
            }
            assertTrue(linked > 200, "only " + linked + " classes");
            // Behaviour, not only loading: the rewritten picocli parses a command line as the original does.
            Class<?> cl = loader.loadClass("picocli.CommandLine");
            Object spec = loader.loadClass("picocli.CommandLine$Model$CommandSpec").getMethod("create").invoke(null);
            Class<?> optionSpec = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
            Object builder = optionSpec.getMethod("builder", String.class, String[].class).invoke(null, "--shots", new String[0]);
            var type = builder.getClass().getMethod("type", Class.class);
            type.setAccessible(true); // declared on a package-private super class
            type.invoke(builder, int.class);
            spec.getClass().getMethod("addOption", optionSpec).invoke(spec, builder.getClass().getMethod("build").invoke(builder));
            Object cmd = cl.getConstructor(Object.class).newInstance(spec);
            Object parsed = cl.getMethod("parseArgs", String[].class).invoke(cmd, (Object) new String[]{"--shots", "42"});
            Object value = parsed.getClass().getMethod("matchedOptionValue", String.class, Object.class).invoke(parsed, "--shots", 0);
            assertEquals(42, value);
        }
    }
}
