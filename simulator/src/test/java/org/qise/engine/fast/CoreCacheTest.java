package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreCacheTest {

    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource({"512K, 524288", "1024K, 1048576", "2M, 2097152", "65536, 65536", "lots, -1", "K, -1"})
    void sysfsSizesAreReadWithTheirUnit(String text, long bytes) {
        assertEquals(bytes, CoreCache.parseSize(text));
    }

    @Test
    void theL2IsTheLevelTwoCacheThatHoldsData(@TempDir Path dir) throws IOException {
        cache(dir, "index0", "1", "Data", "32K");
        cache(dir, "index1", "1", "Instruction", "32K");
        cache(dir, "index2", "2", "Unified", "512K");
        cache(dir, "index3", "3", "Unified", "32768K");
        assertEquals(512L << 10, CoreCache.readSysfs(dir));
    }

    @Test
    void withoutCacheInformationTheL2IsOneMebibyte(@TempDir Path dir) {
        assertEquals(CoreCache.DEFAULT_L2_BYTES, CoreCache.readSysfs(dir.resolve("missing")));
    }

    @ParameterizedTest(name = "L2 {0} B, {1}-byte amplitudes: tiles of 2^{2}")
    @CsvSource({
        "1048576, 16, 15", // Zen 4/5: 512 KiB of doubles
        "1048576, 8, 16",
        "524288, 16, 14", // Zen 3
        "524288, 8, 15",
        "2097152, 16, 16", // capped
        "786432, 16, 14", // 768 KiB: rounded down to a power of two
        "1024, 16, 10"}) // floored
    void aTileFillsHalfTheL2WithinItsBounds(long l2, int bytesPerAmplitude, int qubits) {
        assertEquals(qubits, CoreCache.tileQubits(l2, bytesPerAmplitude, 10, 16));
    }

    private static void cache(Path dir, String index, String level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve(index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }
}
