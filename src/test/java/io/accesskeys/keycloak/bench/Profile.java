package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Where CPU samples of a JFR dump went: by method on top of the stack (self) and by method on the stack. */
final class Profile {

    record Summary(long samples, Map<String, Long> self, Map<String, Long> inclusive, long gcPauseMillis,
                   long collections) {
    }

    private Profile() {
    }

    /** The samples taken between {@code from} and {@code to} (a dump holds whole chunks of the recording). */
    static Summary of(Path recording, Instant from, Instant to) throws IOException {
        long samples = 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Duration pauses = Duration.ZERO;
        long collections = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                pauses = pauses.plus(event.getDuration("sumOfPauses"));
                collections++;
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if ((name.startsWith("io.accesskeys.") || name.startsWith("org.keycloak.")) && seen.add(name)) {
                    inclusive.merge(name, 1L, Long::sum);
                }
            }
        }
        return new Summary(samples, self, inclusive, pauses.toMillis(), collections);
    }

    static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Lines "share% method" of the {@code top} largest entries. */
    static List<String> top(Map<String, Long> counts, long samples, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("%5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())).toList();
    }
}
