package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link RecentlyChecked}: only a range equal to a kept text gets its value back. */
class RecentlyCheckedTest {

    @Test
    void givesTheValueKeptForAnEqualRange() {
        RecentlyChecked<List<String>> kept = new RecentlyChecked<>(4);
        List<String> names = List.of("host", "x-amz-date");
        kept.keep("host;x-amz-date", names);
        assertSame(names, kept.recent("SignedHeaders=host;x-amz-date, Signature=", 14, 29));
    }

    @Test
    void givesNothingForAnotherText() {
        RecentlyChecked<String> kept = new RecentlyChecked<>(4);
        kept.keep("us-east-1", "us-east-1");
        assertNull(kept.recent("us-west-1", 0, 9));
        assertNull(kept.recent("us-east-1x", 0, 10));
        assertNull(kept.recent("xus-east-1", 0, 10));
        assertNull(kept.recent("", 0, 0));
        assertEquals("us-east-1", kept.recent("/us-east-1/", 1, 10));
    }

    @Test
    void aTextInTheSameSlotReplacesTheKeptOne() {
        RecentlyChecked<String> kept = new RecentlyChecked<>(1);
        kept.keep("iam", "iam");
        kept.keep("sts", "sts");
        assertNull(kept.recent("iam", 0, 3));
        assertEquals("sts", kept.recent("sts", 0, 3));
    }

    @Test
    void keepsNoLongText() {
        RecentlyChecked<String> kept = new RecentlyChecked<>(4);
        String longText = "x".repeat(300);
        kept.keep(longText, longText);
        assertNull(kept.recent(longText, 0, longText.length()));
    }

    @Test
    void slotsArePowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RecentlyChecked<String>(6));
    }
}
