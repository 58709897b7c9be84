package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.engine.fast.JitFlags;

/** The {@code ./qise} launcher and the start-up caches it uses start the JVM the same way. */
class LauncherFlagsTest {
    private static String launcher() throws Exception {
        return Files.readString(Path.of("").toAbsolutePath().getParent().resolve("qise"));
    }

    /** The launcher's lines that set the flags every java command of a run gets. */
    private static String flagLines(String script) {
        return String.join("\n", script.lines().filter(l -> l.startsWith("VECTOR_FLAGS=(") || l.startsWith("JVM_FLAGS=(")).toList());
    }

    @Test
    void theLauncherStartsJavaWithEveryFlagTheCachesWereTrainedWith() throws Exception {
        String flags = flagLines(launcher());
        for (String f : StartupCache.FULL_FLAGS) {
            assertTrue(flags.contains(f), "the launcher's flags lack " + f + " of the full cache:\n" + flags);
        }
        for (String f : StartupCache.LEAN_FLAGS) {
            if (f.startsWith("-Dqise.lean")) continue; // the lean start adds it on its own line
            assertTrue(flags.contains(f), "the launcher's flags lack " + f + " of the lean cache:\n" + flags);
        }
    }

    @Test
    void bothStartsAndBothCachesCarryEveryJitFlagTheKernelsNeed() throws Exception {
        for (String flag : JitFlags.FLAGS) {
            assertTrue(flagLines(launcher()).contains(flag), flag);
            for (List<String> cache : List.of(StartupCache.FULL_FLAGS, StartupCache.LEAN_FLAGS)) {
                assertTrue(cache.contains(flag), flag + " in " + cache);
            }
        }
    }
}
