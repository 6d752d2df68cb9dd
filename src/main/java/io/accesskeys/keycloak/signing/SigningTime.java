package io.accesskeys.keycloak.signing;

import java.time.DateTimeException;
import java.time.Instant;
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
        // By hand rather than through LocalDateTime: this runs on every request. Same range rules (no second 60).
        int year = num(text, 0, 4);
        int month = num(text, 4, 6);
        int day = num(text, 6, 8);
        int hour = num(text, 9, 11);
        int minute = num(text, 11, 13);
        int second = num(text, 13, 15);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            throw Rejection.incomplete(what + " is not a valid date and time.");
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second);
    }

    private static int lengthOfMonth(int year, int month) {
        if (month == 2) {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years 0 to 9999 here: four digits). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Checks a credential-scope date {@code yyyyMMdd}. */
    static void checkScopeDate(String text) throws Rejection {
        if (text.length() != 8 || !digits(text, 0, 8)) {
            throw Rejection.incomplete("The credential scope date must have the format yyyyMMdd.");
        }
        int month = num(text, 4, 6);
        int day = num(text, 6, 8);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(num(text, 0, 4), month)) {
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

    /** The value of ASCII digits (already checked). */
    private static int num(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
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
