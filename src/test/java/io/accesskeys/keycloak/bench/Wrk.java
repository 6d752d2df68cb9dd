package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** One run of Debian's {@code wrk} with bench/replay.lua over a request file. */
final class Wrk {

    /**
     * What a run measured; latencies in microseconds; CPU time per request in microseconds, of the server's JVM and of
     * wrk.
     */
    record Run(double rate, long requests, long p50, long p99, long wrong, long socketErrors, String example,
               double serverCpuMicros, double wrkCpuMicros) {
    }

    /** What one side of a pair sends and expects back. */
    record Target(String label, String url, Path requests, int status, String marker) {
    }

    private final BenchOptions options;
    private final LongSupplier serverPid;

    Wrk(BenchOptions options, LongSupplier serverPid) {
        this.options = options;
        this.serverPid = serverPid;
    }

    Run run(Target target, int seconds, long offset) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + options.threads(), "-c" + options.connections(), "-d" + seconds + "s",
                "--timeout", "5s", "-s", options.lua().toString(), target.url(), "--", target.requests().toString(),
                String.valueOf(target.status()), target.marker(), String.valueOf(options.threads()), String.valueOf(offset));
        long serverBefore = CpuTime.ownTicks(serverPid.getAsLong());
        long wrkBefore = CpuTime.childrenTicks();
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        long serverTicks = CpuTime.ownTicks(serverPid.getAsLong()) - serverBefore;
        long wrkTicks = CpuTime.childrenTicks() - wrkBefore;
        if (exit != 0 || !output.contains("bench.requests")) {
            throw new IllegalStateException("wrk failed on " + target.label() + ":\n" + output);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("bench.")) {
                int space = line.indexOf(' ');
                values.put(line.substring("bench.".length(), space), line.substring(space + 1).trim());
            }
        }
        long requests = Long.parseLong(values.get("requests"));
        double duration = Long.parseLong(values.get("duration_us")) / 1e6;
        long socketErrors = Long.parseLong(values.get("socket_errors"));
        long wrong = Long.parseLong(values.get("wrong")) + socketErrors;
        return new Run(requests / duration, requests, Long.parseLong(values.get("p50_us")), Long.parseLong(values.get("p99_us")),
                wrong, socketErrors, values.get("example_wrong"), perRequest(serverTicks, requests),
                perRequest(wrkTicks, requests));
    }

    private static double perRequest(long ticks, long requests) {
        return requests == 0 ? 0 : ticks * CpuTime.MICROS_PER_TICK / requests;
    }
}
