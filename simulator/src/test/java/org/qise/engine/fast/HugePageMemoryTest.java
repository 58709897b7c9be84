package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Large states on transparent huge pages ({@link HugePageMemory}): where this JVM can map them
 * (Linux, native access granted, as the test JVMs are), a large state starts at a 2 MiB boundary,
 * reads as zero, carries the kernel's huge-page advice (the {@code hg} flag of its mapping in
 * {@code /proc/self/smaps}, which records the advice whether or not the kernel then finds free
 * 2 MiB pages), and is unmapped on close. Small states stay in garbage-collected memory.
 */
class HugePageMemoryTest {
    private static final long TWO_MIB = 2L << 20;

    @Test
    void thisLinuxTestJvmMapsHugePages() {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux"), "huge pages are mapped on Linux only");
        assertTrue(HugePageMemory.available(), "Linux, and the test JVM grants native access: huge pages are on");
    }

    @Test
    void aLargeStateStartsAtAHugePageBoundaryReadsAsZeroAndIsAdvisedForHugePages() throws IOException {
        assumeTrue(HugePageMemory.available());
        try (AmplitudeMemory m = AmplitudeMemory.allocate(19)) { // 8 MiB, double
            MemorySegment s = m.segment;
            assertEquals(0, s.address() % TWO_MIB, "start of the state");
            for (long i = 0; i < s.byteSize() / 8; i++) {
                if (s.getAtIndex(ValueLayout.JAVA_LONG, i) != 0) throw new AssertionError("byte " + 8 * i + " of a new state is not zero");
            }
            s.setAtIndex(ValueLayout.JAVA_DOUBLE, s.byteSize() / 8 - 1, 0.5); // every byte writable, up to the last
            if (Files.exists(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))) { // a kernel built with THP takes the advice
                assertTrue(vmFlags(s.address()).contains(" hg"), "the mapping holding the state carries the huge-page advice");
            }
        }
    }

    @Test
    void closingAStateUnmapsItsMemory() {
        assumeTrue(HugePageMemory.available());
        long before = AmplitudeMemory.liveBytes();
        AmplitudeMemory m = AmplitudeMemory.allocate(18);
        MemorySegment s = m.segment;
        assertEquals(before + AmplitudeMemory.bytesFor(18), AmplitudeMemory.liveBytes());
        m.close();
        assertEquals(before, AmplitudeMemory.liveBytes());
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0), "the memory is gone with its arena");
    }

    @Test
    void singlePrecisionStatesAreMappedTheSameWay() {
        assumeTrue(HugePageMemory.available());
        try (AmplitudeMemory m = FloatState.allocateMemory(20)) { // 8 MiB of floats
            assertEquals(0, m.segment.address() % TWO_MIB);
        }
    }

    @Test
    void smallStatesStayInGarbageCollectedMemory() {
        try (AmplitudeMemory m = AmplitudeMemory.allocate(10)) {
            assertEquals(0, m.segment.address() % AmplitudeMemory.ALIGNMENT);
            assertEquals(AmplitudeMemory.bytesFor(10), m.segment.byteSize());
        }
    }

    @Test
    void memoryOfAnySizeComesZeroedAndSizedAsAsked() {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment s = HugePageMemory.allocate(3 * TWO_MIB + 64, arena);
            assertEquals(3 * TWO_MIB + 64, s.byteSize());
            assertEquals(0, s.address() % AmplitudeMemory.ALIGNMENT);
            assertEquals(-1, s.mismatch(MemorySegment.ofArray(new byte[(int) s.byteSize()])), "zero-filled");
        }
    }

    /** The VmFlags line of the mapping in /proc/self/smaps that holds address a. */
    private static String vmFlags(long a) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        for (String line : lines) {
            int dash = line.indexOf('-'), space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                long from = Long.parseUnsignedLong(line.substring(0, dash), 16), to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                inside = a >= from && a < to;
            } else if (inside && line.startsWith("VmFlags:")) {
                return line;
            }
        }
        throw new AssertionError("no mapping holds address " + Long.toHexString(a));
    }
}
