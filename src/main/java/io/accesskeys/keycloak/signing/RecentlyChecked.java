package io.accesskeys.keycloak.signing;

/**
 * Texts that recur on the requests of every client (credential-scope dates, regions, services, the signed-header
 * lists of an SDK), kept with what their check made of them once they passed it: for a range equal to a kept text,
 * a request gets the kept value back instead of copying, checking and parsing the range again. A few slots, shared by
 * all threads without locks: a slot holds an immutable entry, and a write lost to a race costs one check, nothing
 * else. Only equal texts match, and one instance serves one kind of check, so what a slot holds never changes a
 * result.
 *
 * @param <V> what the check makes of a text (immutable, or never modified once kept)
 */
final class RecentlyChecked<V> {

    /** Longer texts are not kept (no compare of long ranges, no large text held). */
    private static final int MAX_LENGTH = 256;

    private record Kept<V>(String text, V value) {
    }

    private final Kept<V>[] slots;

    /** With {@code slots} slots, a power of two. */
    @SuppressWarnings("unchecked")
    RecentlyChecked(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two");
        }
        this.slots = (Kept<V>[]) new Kept<?>[slots];
    }

    /** The value kept for a text equal to {@code text[from, to)}, or null. */
    V recent(String text, int from, int to) {
        int length = to - from;
        if (length == 0 || length > MAX_LENGTH) {
            return null;
        }
        Kept<V> kept = slots[slot(text, from, to)];
        return kept != null && kept.text.length() == length && text.startsWith(kept.text, from) ? kept.value : null;
    }

    /** Keeps {@code value} for {@code text}, which passed the check, in place of its slot's entry. */
    void keep(String text, V value) {
        if (!text.isEmpty() && text.length() <= MAX_LENGTH) {
            slots[slot(text, 0, text.length())] = new Kept<>(text, value);
        }
    }

    /** The slot from the length and the last two characters: where dates, regions and services differ. */
    private int slot(String text, int from, int to) {
        int length = to - from;
        return (length * 31 + text.charAt(to - 1) * 7 + text.charAt(to - 2 < from ? from : to - 2))
                & (slots.length - 1);
    }
}
