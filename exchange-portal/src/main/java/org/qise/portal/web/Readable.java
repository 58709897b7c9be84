package org.qise.portal.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Numbers, times and durations as a person reads them on a page. Downloads and the API keep the
 * exact values; pages round away the floating-point noise that sums and products leave behind
 * ({@code 1.0000000000000004} is shown as {@code 1}).
 */
public final class Readable {
    /** Ten significant digits: far beyond what a histogram or an expectation value can resolve, short of the noise in the last bits of a double. */
    private static final MathContext DIGITS = new MathContext(10);
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Readable() {}

    /** A double rounded to ten significant digits, without trailing zeros or an exponent for everyday sizes. */
    public static String number(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "−∞";
        if (x == 0) return "0"; // also -0.0, which only means "rounded to zero from below"
        // Whole numbers a double holds exactly (counts, shots, seeds) keep every digit.
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        BigDecimal d = new BigDecimal(x).round(DIGITS).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1; // the power of ten of the leading digit
        if (exponent < -6 || exponent >= 12) {
            String sci = d.toString(); // e.g. 1.5E-7
            return sci.replace("E+", "e").replace("E", "e");
        }
        return d.toPlainString();
    }

    /** The machine-readable form for a {@code <time datetime>} attribute: UTC, ISO 8601, whole seconds. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A readable date and time in UTC, e.g. "3 Dec 2026, 06:31 UTC". */
    public static String time(Instant t) {
        return TEXT.format(t);
    }

    /** A duration as "850 ms", "12.3 s", "4 min 5 s" or "2 h 3 min". */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return number(Math.round(ms / 100.0) / 10.0) + " s";
        long s = ms / 1000;
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
