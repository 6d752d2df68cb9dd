package io.accesskeys.keycloak.signing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The date formats of the schemes: ISO 8601 basic ({@code 20150830T123600Z}) and the HTTP Date header. */
final class SigningTime {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SigningTime() {
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} strictly (ASCII digits only, real calendar values). */
    static Instant parseBasic(String text, String what) throws Rejection {
        if (text == null || text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z'
                || !digits(text, 0, 8) || !digits(text, 9, 15)) {
            throw Rejection.incomplete(what + " must have the format yyyyMMdd'T'HHmmss'Z'.");
        }
        try {
            return LocalDateTime.of(num(text, 0, 4), num(text, 4, 6), num(text, 6, 8),
                    num(text, 9, 11), num(text, 11, 13), num(text, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw Rejection.incomplete(what + " is not a valid date and time.");
        }
    }

    /** Checks a credential-scope date {@code yyyyMMdd}. */
    static void checkScopeDate(String text) throws Rejection {
        if (text.length() != 8 || !digits(text, 0, 8)) {
            throw Rejection.incomplete("The credential scope date must have the format yyyyMMdd.");
        }
        try {
            LocalDate.of(num(text, 0, 4), num(text, 4, 6), num(text, 6, 8));
        } catch (DateTimeException e) {
            throw Rejection.incomplete("The credential scope date is not a valid date.");
        }
    }

    /** Parses an HTTP {@code Date} header (RFC 1123, e.g. {@code Sun, 30 Aug 2015 12:36:00 GMT}). */
    static Instant parseHttpDate(String text) throws Rejection {
        if (text.length() > 64 || !isAscii(text)) {
            throw Rejection.incomplete("The Date header is not an RFC 1123 date.");
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw Rejection.incomplete("The Date header is not an RFC 1123 date.");
        }
    }

    static String formatBasic(Instant instant) {
        return BASIC.format(instant);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
