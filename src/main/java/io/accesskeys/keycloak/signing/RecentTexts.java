package io.accesskeys.keycloak.signing;

/**
 * Short texts that recur on the requests of every client (credential-scope dates, regions, services), kept once
 * checked: the text of a range is the String kept for an equal range before, while it still holds its slot, so that a
 * request makes no new String for it (nor computes its hash code, nor checks it, again). A few slots, shared by all
 * threads without locks: a slot holds an immutable String, and a write lost to a race costs one new String, nothing
 * else. Only equal texts are handed back, and only texts that passed the check of this instance's kind are kept
 * (one instance per kind of text), so what a slot holds never changes a result.
 */
final class RecentTexts {

    /** Longer texts are not kept (no compare of long ranges). */
    private static final int MAX_LENGTH = 64;

    private final String[] slots;

    /** With {@code slots} slots, a power of two. */
    RecentTexts(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two");
        }
        this.slots = new String[slots];
    }

    /** The kept String equal to {@code text[from, to)}, or null. */
    String recent(String text, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_LENGTH) {
            return null;
        }
        String kept = slots[slot(text, from, to)];
        return kept != null && kept.length() == length && text.startsWith(kept, from) ? kept : null;
    }

    /** {@link #recent}, or else the substring (not kept: it is not checked yet). */
    String of(String text, int from, int to) {
        String kept = recent(text, from, to);
        return kept != null ? kept : text.substring(from, to);
    }

    /** Keeps {@code checked}, a text that passed this kind's check, in place of its slot's text. */
    void keep(String checked) {
        if (!checked.isEmpty() && checked.length() <= MAX_LENGTH) {
            slots[slot(checked, 0, checked.length())] = checked;
        }
    }

    /** The slot from the length and the last two characters: where dates, regions and services differ. */
    private int slot(String text, int from, int to) {
        int length = to - from;
        return (length * 31 + text.charAt(to - 1) * 7 + text.charAt(to - 2 < from ? from : to - 2))
                & (slots.length - 1);
    }
}
