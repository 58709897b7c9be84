package org.qise.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadableTest {
    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
            "1.0000000000000004 | 1",
            "0.30000000000000004 | 0.3",
            "0.9999999999999998 | 1",
            "-0.7071067811865476 | -0.7071067812",
            "0.123046875 | 0.123046875",
            "1024 | 1024",
            "-0.0 | 0",
            "0 | 0",
            "2.5e-7 | 2.5e-7",
            "0.000001 | 0.000001",
            "6.02214076e23 | 6.02214076e23",
            "123456789012 | 123456789012",
            "1e20 | 1e20",
            "1234567.891234567 | 1234567.891",
            "NaN | NaN",
            "Infinity | ∞",
    })
    void numbersLoseOnlyTheFloatingPointNoise(double x, String shown) {
        assertEquals(shown, Readable.number(x));
    }

    @ParameterizedTest(name = "{0} ms reads as {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0 ms",
            "850 | 850 ms",
            "1000 | 1 s",
            "12345 | 12.3 s",
            "59999 | 60 s",
            "245000 | 4 min 5 s",
            "7380000 | 2 h 3 min",
    })
    void durationsReadAtTheirScale(long millis, String shown) {
        assertEquals(shown, Readable.duration(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-12-03T06:31:52.123456Z | 2026-12-03T06:31:52Z | 3 Dec 2026, 06:31 UTC",
            "2027-01-09T23:05:00Z | 2027-01-09T23:05:00Z | 9 Jan 2027, 23:05 UTC",
    })
    void timesHaveAMachineAndAHumanForm(String instant, String iso, String text) {
        assertEquals(iso, Readable.iso(Instant.parse(instant)));
        assertEquals(text, Readable.time(Instant.parse(instant)));
    }
}
