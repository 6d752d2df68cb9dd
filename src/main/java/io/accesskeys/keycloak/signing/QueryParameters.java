package io.accesskeys.keycloak.signing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The raw query split into parameters, each in canonical (decoded then re-encoded) form. */
final class QueryParameters {

    static final int MAX_RAW_LENGTH = 16 * 1024;
    static final int MAX_PARAMETERS = 512;

    /** One query parameter; {@code name} and {@code value} are canonical percent-encoded text. */
    record Parameter(String name, String value) {
    }

    /** By encoded name, then encoded value (SigV4). */
    static final Comparator<Parameter> BY_NAME_THEN_VALUE =
            Comparator.comparing(Parameter::name).thenComparing(Parameter::value);

    /** By encoded name only; with a stable sort, each name's values stay in the order sent (SDK-HMAC-SHA256). */
    static final Comparator<Parameter> BY_NAME = Comparator.comparing(Parameter::name);

    private QueryParameters() {
    }

    /**
     * Parses a raw query: pieces split on '&', empty pieces ignored, name and value split at the first '=',
     * a piece without '=' has an empty value. '+' is a literal plus (RFC 3986), not a space.
     */
    static List<Parameter> parse(String rawQuery) throws Rejection {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        if (rawQuery.length() > MAX_RAW_LENGTH) {
            throw Rejection.incomplete("The query string is too long.");
        }
        PercentEncoding.checkWellFormed(rawQuery, "query string");
        List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                if (parameters.size() == MAX_PARAMETERS) {
                    throw Rejection.incomplete("Too many query parameters.");
                }
                int eq = rawQuery.indexOf('=', start);
                if (eq >= end) {
                    eq = -1;
                }
                String name = rawQuery.substring(start, eq < 0 ? end : eq);
                String value = eq < 0 ? "" : rawQuery.substring(eq + 1, end);
                parameters.add(new Parameter(PercentEncoding.reencode(name), PercentEncoding.reencode(value)));
            }
            start = end + 1;
        }
        return parameters;
    }

    /**
     * The canonical query string of {@code rawQuery} in the scheme's {@code order}, refused as {@link #parse} refuses.
     * A query that is canonical and sorted already (what the SDKs send) is its own canonical form: it is checked in
     * one scan and returned as it is, with no parameter objects.
     */
    static String canonicalQuery(String rawQuery, Comparator<Parameter> order) throws Rejection {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        if (rawQuery.length() <= MAX_RAW_LENGTH && isCanonicalAndSorted(rawQuery, order == BY_NAME_THEN_VALUE)) {
            return rawQuery;
        }
        return canonical(parse(rawQuery), null, order);
    }

    /**
     * Whether {@link #canonical} of the parsed query would be the raw query itself: no empty piece, each with an '=',
     * names and values canonical, already in order (by name, then by value if {@code byValue}), not too many.
     */
    private static boolean isCanonicalAndSorted(String query, boolean byValue) {
        int n = query.length();
        int count = 0;
        int previous = -1;
        int previousEq = -1;
        int previousEnd = -1;
        int start = 0;
        while (start <= n) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = n;
            }
            int eq = query.indexOf('=', start);
            if (end == start || eq < 0 || eq > end || ++count > MAX_PARAMETERS
                    || !PercentEncoding.isCanonical(query, start, eq, false)
                    || !PercentEncoding.isCanonical(query, eq + 1, end, false)) {
                return false;
            }
            if (previous >= 0) {
                int c = compare(query, previous, previousEq, start, eq);
                if (c == 0 && byValue) {
                    c = compare(query, previousEq + 1, previousEnd, eq + 1, end);
                }
                if (c > 0) {
                    return false;
                }
            }
            previous = start;
            previousEq = eq;
            previousEnd = end;
            start = end + 1;
        }
        return true;
    }

    /** {@link String#compareTo} of two ranges of one text. */
    private static int compare(String text, int aFrom, int aTo, int bFrom, int bTo) {
        int length = Math.min(aTo - aFrom, bTo - bFrom);
        for (int i = 0; i < length; i++) {
            int c = text.charAt(aFrom + i) - text.charAt(bFrom + i);
            if (c != 0) {
                return c;
            }
        }
        return (aTo - aFrom) - (bTo - bFrom);
    }

    /** Whether the raw query names any of the given parameters (cheap scan, no decoding). */
    static boolean namesAny(String rawQuery, List<String> names) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        int start = 0;
        while (start < rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int eq = rawQuery.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            for (String name : names) {
                if (nameEnd - start == name.length() && rawQuery.startsWith(name, start)) {
                    return true;
                }
            }
            start = end + 1;
        }
        return false;
    }

    /** All values of one parameter, by canonical name. */
    static List<String> values(List<Parameter> parameters, String name) {
        List<String> values = new ArrayList<>(1);
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                values.add(p.value());
            }
        }
        return values;
    }

    /**
     * The canonical query string: sorted in the scheme's {@code order} (a stable sort: parameters the order
     * finds equal keep the order sent; duplicates are legal and kept), joined with '&';
     * {@code excludedName} (the presigned signature itself) left out.
     */
    static String canonical(List<Parameter> parameters, String excludedName, Comparator<Parameter> order) {
        StringBuilder out = new StringBuilder();
        appendCanonical(parameters, excludedName, order, out);
        return out.toString();
    }

    private static boolean isSorted(List<Parameter> parameters, Comparator<Parameter> order) {
        for (int i = 1; i < parameters.size(); i++) {
            if (order.compare(parameters.get(i - 1), parameters.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@link #canonical} to {@code out}. */
    static void appendCanonical(List<Parameter> parameters, String excludedName, Comparator<Parameter> order,
                                StringBuilder out) {
        if (parameters.isEmpty()) {
            return;
        }
        List<Parameter> sorted = parameters;
        if (excludedName != null || !isSorted(parameters, order)) {
            // SDKs send their query in canonical order already: copying and sorting is the exception.
            sorted = new ArrayList<>(parameters);
            if (excludedName != null) {
                sorted.removeIf(p -> p.name().equals(excludedName));
            }
            sorted.sort(order); // List.sort is stable
        }
        for (int i = 0; i < sorted.size(); i++) {
            Parameter p = sorted.get(i);
            out.append(i == 0 ? "" : "&").append(p.name()).append('=').append(p.value());
        }
    }
}
