package org.qise.engine.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Silences a rank's console so that only rank 0 prints: every rank runs the same program and
 * would print the same lines. It points file descriptors 1 and 2 at /dev/null (dup2), which
 * also covers streams the program captured before the engine started.
 */
final class RankConsole {
    private RankConsole() {}

    private static final int O_WRONLY = 1;

    static void silence() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        try (Arena a = Arena.ofConfined()) {
            MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.out.flush();
            System.err.flush();
            int fd = (int) open.invokeExact(a.allocateFrom("/dev/null"), O_WRONLY);
            if (fd < 0) return;
            int r1 = (int) dup2.invokeExact(fd, 1);
            int r2 = (int) dup2.invokeExact(fd, 2);
        } catch (Throwable t) {
            // Without libc calls the rank keeps its console: duplicate lines, nothing worse.
        }
    }
}
