package org.qise.portal.workshops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.qise.portal.PortalException;

/**
 * When a workshop takes submissions: from {@code opensAt} (inclusive) until {@code closesAt}
 * (exclusive), either side null for "no limit". Instants are UTC throughout: stored as such and
 * shown as such, so a room across time zones reads one clock.
 */
public record SubmissionWindow(Instant opensAt, Instant closesAt) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    public SubmissionWindow {
        if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
            throw PortalException.badRequest("closes_at (" + shown(closesAt) + ") must be after opens_at (" + shown(opensAt) + ")");
        }
    }

    /** Why a submission at {@code now} is refused, or empty when the window is open. */
    public Optional<String> refusal(Instant now) {
        if (opensAt != null && now.isBefore(opensAt)) {
            return Optional.of("this workshop takes submissions from " + shown(opensAt) + "; it is not open yet");
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            return Optional.of("this workshop closed for submissions at " + shown(closesAt));
        }
        return Optional.empty();
    }

    public boolean isOpen(Instant now) {
        return refusal(now).isEmpty();
    }

    /** One line for pages ("Submissions open … and close …."), or null without limits. */
    public String describe() {
        if (opensAt == null && closesAt == null) return null;
        if (opensAt == null) return "Submissions close " + shown(closesAt) + ".";
        if (closesAt == null) return "Submissions open " + shown(opensAt) + ".";
        return "Submissions open " + shown(opensAt) + " and close " + shown(closesAt) + ".";
    }

    /** "2026-12-01 09:00 UTC"; seconds are dropped, as the forms take minutes. */
    public static String shown(Instant t) {
        return t == null ? "" : SHOWN.format(t);
    }

    /** The value of an HTML datetime-local input, read as UTC: "2026-12-01T09:00". */
    public static String formValue(Instant t) {
        return t == null ? "" : FORM.format(t);
    }

    /**
     * Reads a time given as an ISO 8601 instant with an offset ("2026-12-01T09:00:00Z",
     * "2026-12-01T10:00+01:00") or, as a datetime-local form field sends it, without one
     * ("2026-12-01T09:00", read as UTC); blank is null. A bad value is a 400 naming {@code field}.
     */
    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) return null;
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                throw PortalException.badRequest(field + ": '" + s + "' is not a time; write it as 2026-12-01T09:00:00Z"
                        + " (ISO 8601 with an offset) or 2026-12-01T09:00 (read as UTC)");
            }
        }
    }
}
