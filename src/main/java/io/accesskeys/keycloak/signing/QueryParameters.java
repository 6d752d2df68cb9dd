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

    /** Up to this many parameters, a canonical query out of order is sorted in place by index. */
    private static final int MAX_SORTED_BY_INDEX = 16;
    /** Per-thread piece bounds for {@link #canonicalPieces} (a pure function: nothing calls out while in use). */
    private static final ThreadLocal<int[]> PIECES = ThreadLocal.withInitial(() -> new int[3 * MAX_SORTED_BY_INDEX]);

    /**
     * The canonical query string of {@code rawQuery} in the scheme's {@code order}, refused as {@link #parse} refuses.
     * A query whose names and values are canonical already (what the SDKs send) is checked in one scan, with no
     * parameter objects: given back as it is when in order, else its pieces are sorted by index and joined.
     */
    static String canonicalQuery(String rawQuery, Comparator<Parameter> order) throws Rejection {
        return canonicalQueryOf(rawQuery, order).toString();
    }

    /** {@link #canonicalQuery} as a {@link CanonicalQuery}: pieces out of order are not joined into a String. */
    static CanonicalQuery canonicalQueryOf(String rawQuery, Comparator<Parameter> order) throws Rejection {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return CanonicalQuery.EMPTY;
        }
        if (rawQuery.length() <= MAX_RAW_LENGTH) {
            CanonicalQuery canonical = canonicalPieces(rawQuery, order == BY_NAME_THEN_VALUE);
            if (canonical != null) {
                return canonical;
            }
        }
        return CanonicalQuery.of(canonical(parse(rawQuery), null, order));
    }

    /**
     * {@link #canonical} of the parsed query when every piece is {@code name=value} with both canonical (nothing to
     * re-encode, no empty piece to drop) and there are few enough to sort by index; otherwise null.
     */
    private static CanonicalQuery canonicalPieces(String query, boolean byValue) {
        int n = query.length();
        // start, '=' and end of each piece
        int[] at = PIECES.get();
        int count = 0;
        boolean sorted = true;
        int start = 0;
        while (start <= n) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = n;
            }
            int eq = query.indexOf('=', start);
            if (end == start || eq < 0 || eq > end || count == MAX_SORTED_BY_INDEX
                    || !PercentEncoding.isCanonical(query, start, eq, false)
                    || !PercentEncoding.isCanonical(query, eq + 1, end, false)) {
                return null;
            }
            at[3 * count] = start;
            at[3 * count + 1] = eq;
            at[3 * count + 2] = end;
            if (sorted && count > 0 && compare(query, at, count - 1, count, byValue) > 0) {
                sorted = false;
            }
            count++;
            start = end + 1;
        }
        if (sorted) {
            return CanonicalQuery.of(query);
        }
        // Insertion sort (stable: pieces the order finds equal keep the order sent) of at most 16 indexes.
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            int piece = i;
            int j = i - 1;
            while (j >= 0 && compare(query, at, order[j], piece, byValue) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = piece;
        }
        int[] pieces = new int[2 * count];
        for (int i = 0; i < count; i++) {
            pieces[2 * i] = at[3 * order[i]];
            pieces[2 * i + 1] = at[3 * order[i] + 2];
        }
        return CanonicalQuery.ofPieces(query, pieces);
    }

    /** Compares pieces {@code a} and {@code b} by name, then (if {@code byValue}) by value. */
    private static int compare(String query, int[] at, int a, int b, boolean byValue) {
        int c = compare(query, at[3 * a], at[3 * a + 1], at[3 * b], at[3 * b + 1]);
        if (c == 0 && byValue) {
            c = compare(query, at[3 * a + 1] + 1, at[3 * a + 2], at[3 * b + 1] + 1, at[3 * b + 2]);
        }
        return c;
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
