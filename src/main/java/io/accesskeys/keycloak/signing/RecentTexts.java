package io.accesskeys.keycloak.signing;

/**
 * Short texts that recur on the requests of every client (credential-scope dates, regions, services): the text of a
 * range is the String made for an equal range before, while it still holds its slot, so that a request makes no new
 * String (nor computes its hash code again) for them. A few slots, shared by all threads without locks: a slot holds
 * an immutable String, and a write lost to a race costs one new String, nothing else. Only equal texts are handed
 * back, so what a slot holds never changes a result.
 */
final class RecentTexts {

    /** Longer texts are made anew each time (no compare of long ranges). */
    private static final int MAX_LENGTH = 64;

    private final String[] slots;

    /** With {@code slots} slots, a power of two. */
    RecentTexts(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two");
        }
        this.slots = new String[slots];
    }

    /** {@code text.substring(from, to)}, or an equal String made before. */
    String of(String text, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_LENGTH) {
            return text.substring(from, to);
        }
        // The slot from the length and the last two characters: where dates, regions and services differ.
        int slot = (length * 31 + text.charAt(to - 1) * 7 + text.charAt(to - 2 < from ? from : to - 2))
                & (slots.length - 1);
        String recent = slots[slot];
        if (recent != null && recent.length() == length && text.startsWith(recent, from)) {
            return recent;
        }
        String made = text.substring(from, to);
        slots[slot] = made;
        return made;
    }
}
