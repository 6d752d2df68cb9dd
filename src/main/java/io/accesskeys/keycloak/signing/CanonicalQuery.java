package io.accesskeys.keycloak.signing;

import java.nio.charset.StandardCharsets;

/**
 * A canonical query string: a text as it is, or the pieces of a raw query in canonical order, which the canonical
 * request copies straight from the raw query instead of them being joined into a String first. ASCII (a canonical
 * query is: every other character is percent-encoded). Immutable.
 */
final class CanonicalQuery {

    static final CanonicalQuery EMPTY = new CanonicalQuery("", null);

    private final String text;
    /** From and to of each piece of {@link #text}, in canonical order; null: the whole text. */
    private final int[] pieces;

    private CanonicalQuery(String text, int[] pieces) {
        this.text = text;
        this.pieces = pieces;
    }

    /** The canonical query {@code canonical}, as it is. */
    static CanonicalQuery of(String canonical) {
        return canonical.isEmpty() ? EMPTY : new CanonicalQuery(canonical, null);
    }

    /** The pieces {@code query[pieces[2i], pieces[2i + 1])}, in that order, joined with '&'. */
    static CanonicalQuery ofPieces(String query, int[] pieces) {
        return new CanonicalQuery(query, pieces);
    }

    /** Appends the canonical query to {@code out}. */
    void appendTo(Utf8Buffer out) {
        if (pieces == null) {
            out.appendAscii(text);
            return;
        }
        for (int i = 0; i < pieces.length; i += 2) {
            if (i > 0) {
                out.append('&');
            }
            out.appendAscii(text, pieces[i], pieces[i + 1]);
        }
    }

    /** The canonical query string. */
    @Override
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII, and an array copy
    public String toString() {
        if (pieces == null) {
            return text;
        }
        byte[] out = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < pieces.length; i += 2) {
            if (i > 0) {
                out[length++] = '&';
            }
            text.getBytes(pieces[i], pieces[i + 1], out, length);
            length += pieces[i + 1] - pieces[i];
        }
        return new String(out, 0, length, StandardCharsets.US_ASCII);
    }
}
