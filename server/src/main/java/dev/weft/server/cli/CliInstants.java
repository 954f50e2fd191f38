package dev.weft.server.cli;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Instants given on the command line (RFC 3339), and the clock a command commits with. */
final class CliInstants {
    private CliInstants() {}

    /**
     * Parses {@code text}, the value of {@code option}; null stays null.
     *
     * @throws WeftException {@code INVALID_ARGUMENT} naming the option and the expected form
     */
    static Instant parse(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                    option + " '" + text + "' is not an RFC 3339 timestamp like 2026-01-31T00:00:00Z");
        }
    }

    /** The system clock, or a clock stopped at {@code --system-time} when one is given (a testing aid). */
    static Clock commitClock(String systemTime) {
        final Instant pinned = parse("--system-time", systemTime);
        return pinned == null ? Clock.systemUTC() : Clock.fixed(pinned, ZoneOffset.UTC);
    }
}
