package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalException;

/** When a workshop takes submissions, and how its times are read and shown (always UTC). */
class SubmissionWindowTest {
    private static Instant at(String text) {
        return text == null ? null : Instant.parse(text);
    }

    @ParameterizedTest(name = "opens {0}, closes {1}, at {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // opens                 | closes                | now                    | refusal (fragment), or "open"
            "-                       | -                     | 2026-12-01T09:00:00Z   | open",
            "2026-12-01T09:00:00Z    | -                     | 2026-12-01T08:59:59Z   | takes submissions from 2026-12-01 09:00 UTC",
            "2026-12-01T09:00:00Z    | -                     | 2026-12-01T09:00:00Z   | open",
            "-                       | 2026-12-01T17:00:00Z  | 2026-12-01T16:59:59Z   | open",
            "-                       | 2026-12-01T17:00:00Z  | 2026-12-01T17:00:00Z   | closed for submissions at 2026-12-01 17:00 UTC",
            "2026-12-01T09:00:00Z    | 2026-12-01T17:00:00Z  | 2026-12-02T00:00:00Z   | closed for submissions at 2026-12-01 17:00 UTC",
            "2026-12-01T09:00:00Z    | 2026-12-01T17:00:00Z  | 2026-12-01T12:00:00Z   | open"})
    void submissionsAreTakenFromOpeningUntilClosing(String opens, String closes, String now, String expected) {
        var window = new SubmissionWindow(at(opens), at(closes));
        var refusal = window.refusal(at(now));
        if (expected.equals("open")) {
            assertTrue(refusal.isEmpty(), refusal.orElse(""));
        } else {
            assertTrue(refusal.orElseThrow().contains(expected), refusal.orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "2026-12-01T09:00:00Z, 2026-12-01T09:00:00Z",
            "2026-12-01T10:30+01:00, 2026-12-01T09:30:00Z",
            "2026-12-01T09:00, 2026-12-01T09:00:00Z",      // a datetime-local form field: read as UTC
            "' 2026-12-01T23:15 ', 2026-12-01T23:15:00Z"})
    void timesWithAnOffsetAreConvertedAndTimesWithoutOneAreUtc(String text, String instant) {
        assertEquals(Instant.parse(instant), SubmissionWindow.parse("opens_at", text));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"tomorrow", "2026-13-01T09:00", "01.12.2026 09:00"})
    void aTimeThatCannotBeReadIsABadRequestNamingTheField(String text) {
        PortalException e = assertThrows(PortalException.class, () -> SubmissionWindow.parse("closes_at", text));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("closes_at: '"), e.getMessage());
    }

    @ParameterizedTest(name = "opens {0}, closes {1}")
    @CsvSource({"2026-12-01T09:00:00Z, 2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z, 2026-11-30T09:00:00Z"})
    void aWindowThatClosesBeforeItOpensIsRefused(String opens, String closes) {
        PortalException e = assertThrows(PortalException.class, () -> new SubmissionWindow(at(opens), at(closes)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("must be after opens_at"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-12-01T09:00:59.999Z, 2026-12-01 09:00 UTC, 2026-12-01T09:00"})
    void pagesShowUtcToTheMinuteAndFormsTakeItBack(String instant, String shown, String form) {
        assertEquals(shown, SubmissionWindow.shown(Instant.parse(instant)));
        assertEquals(form, SubmissionWindow.formValue(Instant.parse(instant)));
    }
}
