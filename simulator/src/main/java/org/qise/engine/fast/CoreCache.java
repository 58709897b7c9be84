package org.qise.engine.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The size of one core's L2 cache, which sets how large the tiles are that a stage's kernels run
 * over one after another ({@link StageRunner#TILE_QUBITS}, {@link FloatBlocks#TILE_QUBITS}): a
 * tile of half the L2 stays there across the kernels. The L2 differs between machines QISE runs
 * on (512 KiB a core on Zen 3, 1 MiB on Zen 4 and 5, 2 MiB on recent Intel parts), and tiles sized
 * for 1 MiB ran random and qcbm at 20 qubits 5–10% slower on a Zen 3 than tiles of half its L2
 * (docs/engine.md, "Tiles sized from the L2"). Tile size never changes results: each kernel gives
 * the same bits for any split of its range.
 *
 * <p>Read from Linux's sysfs; elsewhere, or when it cannot be read, 1 MiB. The system property
 * {@code qise.l2.bytes} overrides it (for measuring other tile sizes).
 */
final class CoreCache {
    private CoreCache() {}

    static final long DEFAULT_L2_BYTES = 1L << 20;

    /** One core's L2 in bytes. */
    static final long L2_BYTES = l2Bytes();

    /**
     * Qubits of a tile of amplitudes of {@code bytesPerAmplitude} bytes that fills half of this
     * machine's L2 (rounded down to a power of two), within [{@code min}, {@code max}].
     */
    static int tileQubits(int bytesPerAmplitude, int min, int max) {
        return tileQubits(L2_BYTES, bytesPerAmplitude, min, max);
    }

    /** {@link #tileQubits(int, int, int)} for an L2 of {@code l2Bytes}. */
    static int tileQubits(long l2Bytes, int bytesPerAmplitude, int min, int max) {
        long amplitudes = l2Bytes / 2 / bytesPerAmplitude;
        int q = 63 - Long.numberOfLeadingZeros(Math.max(1, amplitudes));
        return Math.max(min, Math.min(max, q));
    }

    private static long l2Bytes() {
        String property = System.getProperty("qise.l2.bytes");
        if (property != null) {
            try {
                long b = Long.parseLong(property.trim());
                if (b > 0) return b;
            } catch (NumberFormatException e) {
                // fall through to the machine's own figure
            }
        }
        return readSysfs(Path.of("/sys/devices/system/cpu/cpu0/cache"));
    }

    /** The L2 size from a sysfs cache directory (index* with level 2 and type Unified or Data), else the default. */
    static long readSysfs(Path cacheDir) {
        try (var dirs = Files.list(cacheDir)) {
            for (Path d : (Iterable<Path>) dirs.filter(p -> p.getFileName().toString().startsWith("index"))::iterator) {
                if (!read(d.resolve("level")).equals("2") || read(d.resolve("type")).equals("Instruction")) continue;
                long b = parseSize(read(d.resolve("size")));
                if (b > 0) return b;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no cache information: the default below
        }
        return DEFAULT_L2_BYTES;
    }

    /** sysfs sizes read like "512K" or "2048K" or "1M"; −1 when not a size. */
    static long parseSize(String s) {
        if (s.isEmpty()) return -1;
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits.trim()) * scale;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p).trim();
    }
}
