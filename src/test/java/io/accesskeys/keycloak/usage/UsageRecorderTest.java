package io.accesskeys.keycloak.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * How noted uses are written: at most the write rate per flush, everything at shutdown, a failed batch key by key, in
 * batches of distinct keys going round, so that none waits forever.
 */
class UsageRecorderTest {

    private static final long MILLI = 1_000_000;

    private static KeyUse use(int n) {
        return new KeyUse(String.format("AKPERM%014d", n), "realm", "user-" + n, "127.0.0.1", "AWS4-HMAC-SHA256",
                "us-east-1", "s3");
    }

    /**
     * What a flush wrote, batch by batch; each batch takes {@code batchNanos} of the fake clock; batches of more than
     * one key fail while {@code failBatches}.
     */
    private static final class Writes implements UsageRecorder.BatchWriter {
        final List<List<String>> batches = new ArrayList<>();
        final AtomicLong clock = new AtomicLong();
        long batchNanos = 60 * MILLI;
        boolean failBatches;

        @Override
        public void write(List<UsageRecorder.Noted> uses) {
            clock.addAndGet(batchNanos);
            if (failBatches && uses.size() > 1) {
                throw new IllegalStateException("duplicate key");
            }
            batches.add(uses.stream().map(noted -> noted.use().accessKeyId()).toList());
        }

        long keys() {
            return batches.stream().mapToLong(List::size).sum();
        }

        void flush(UsageRecorder recorder, long budgetNanos) {
            recorder.flush(this, budgetNanos, clock::get);
        }
    }

    private static UsageRecorder noted(int count) {
        UsageRecorder recorder = new UsageRecorder(10_000, Duration.ofMillis(100));
        for (int n = 0; n < count; n++) {
            recorder.record(use(n));
        }
        return recorder;
    }

    @Test
    void aFlushStopsOnceItsBudgetIsSpentAndTheNextWritesTheRest() {
        UsageRecorder recorder = noted(1000);
        Writes writes = new Writes();
        writes.flush(recorder, 100 * MILLI); // 60 ms per batch: the second batch ends past the budget
        assertEquals(2 * UsageRecorder.BATCH, writes.keys());
        long stillNoted = IntStream.range(0, 1000).filter(n -> recorder.pending(use(n).accessKeyId()) != null).count();
        assertEquals(1000 - 2 * UsageRecorder.BATCH, stillNoted, "the rest stays noted, and shown");
        writes.flush(recorder, Long.MAX_VALUE);
        assertEquals(1000, writes.keys());
        assertEquals(1000, writes.batches.stream().flatMap(List::stream).distinct().count(), "each key written once");
        assertNull(recorder.pending(use(999).accessKeyId()));
    }

    @Test
    void aFlushWritesOneBatchEvenWhenTheBatchAloneTakesLongerThanItsBudget() {
        UsageRecorder recorder = noted(1000);
        Writes writes = new Writes();
        writes.batchNanos = 500 * MILLI;
        writes.flush(recorder, 100 * MILLI);
        assertEquals(List.of(UsageRecorder.BATCH), writes.batches.stream().map(List::size).toList());
    }

    @Test
    void aBatchThatFailsIsWrittenKeyByKey() {
        UsageRecorder recorder = noted(3);
        Writes writes = new Writes();
        writes.failBatches = true;
        writes.flush(recorder, Long.MAX_VALUE);
        assertEquals(List.of(1, 1, 1), writes.batches.stream().map(List::size).toList());
        assertNull(recorder.pending(use(0).accessKeyId()));
    }

    @Test
    void aKeyUsedAgainAfterItsWriteIsNotNotedAgainWithinTheWindow() {
        UsageRecorder recorder = noted(1);
        Writes writes = new Writes();
        writes.flush(recorder, Long.MAX_VALUE);
        recorder.record(use(0));
        assertNull(recorder.pending(use(0).accessKeyId()));
        writes.flush(recorder, Long.MAX_VALUE);
        assertEquals(1, writes.keys());
    }

    @Test
    void aBatchHoldsDistinctKeysUpToItsSize() {
        UsageRecorder recorder = new UsageRecorder(100, Duration.ofMillis(100));
        for (int n = 0; n < 25; n++) {
            recorder.record(use(n));
        }
        Map<String, UsageRecorder.Noted> batch = recorder.nextBatch(10);
        assertEquals(10, batch.size());
        batch.forEach((ak, noted) -> assertEquals(ak, noted.use().accessKeyId()));
    }

    @Test
    void fewerNotedThanTheBatchSizeGivesEachKeyOnce() {
        UsageRecorder recorder = new UsageRecorder(100, Duration.ofMillis(100));
        for (int n = 0; n < 3; n++) {
            recorder.record(use(n));
        }
        recorder.nextBatch(2); // leaves the cursor in the middle of the map
        Map<String, UsageRecorder.Noted> batch = recorder.nextBatch(10);
        assertEquals(3, batch.size(), "the rest of the round, then the map again without repeating a key");
    }

    @Test
    void successiveBatchesGoRoundTheNotedUses() {
        UsageRecorder recorder = new UsageRecorder(100, Duration.ofMillis(100));
        for (int n = 0; n < 25; n++) {
            recorder.record(use(n));
        }
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            seen.addAll(recorder.nextBatch(10).keySet()); // nothing written: every key stays noted
        }
        assertEquals(25, seen.size(), "three batches of 10 reach all 25 keys, not the same 10 again");
    }

    @Test
    void aKeyNotedAgainWithinTheWindowIsNotNotedTwice() {
        UsageRecorder recorder = new UsageRecorder(100, Duration.ofMillis(100));
        recorder.record(use(1));
        recorder.record(use(1));
        assertEquals(1, recorder.nextBatch(10).size());
        assertNotNull(recorder.pending(use(1).accessKeyId()));
    }

    @Test
    void aKeyForgottenAfterTheCursorReachedItIsNotInTheNextBatch() {
        UsageRecorder recorder = noted(2);
        String first = recorder.nextBatch(1).keySet().iterator().next();
        String second = first.equals(use(0).accessKeyId()) ? use(1).accessKeyId() : use(0).accessKeyId();
        recorder.forget(second); // deleted: its row must not be written
        assertEquals(Set.of(first), recorder.nextBatch(10).keySet());
    }

    @Test
    void nothingNotedGivesAnEmptyBatch() {
        UsageRecorder recorder = new UsageRecorder(100, Duration.ofMillis(100));
        assertTrue(recorder.nextBatch(10).isEmpty());
        recorder.record(use(1));
        recorder.forget(use(1).accessKeyId());
        assertTrue(recorder.nextBatch(10).isEmpty());
        assertNull(recorder.pending(use(1).accessKeyId()));
    }
}
