package io.accesskeys.keycloak.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.accesskeys.keycloak.bench.Wrk.Run;
import io.accesskeys.keycloak.bench.Wrk.Target;

/**
 * {@code ./bench/run}: Keycloak in production mode with the jar, a realm with users and keys, then each pair of
 * issue #15 driven by wrk through pre-signed requests, alternated A, B; prints each ratio with both absolute figures,
 * p50/p99 latency, the wrong answers and the server's RSS; then database reads and writes per call and JFR
 * profiles of the grant against client_credentials and of many keys against ten. See bench/README.md.
 */
public final class Bench {

    private static final String API_PATH = "/api/orders?id=7";
    /** Pairs whose last A and B runs are profiled: A's extra samples over B's are printed. */
    private static final List<String> PROFILED = List.of("grant", "many-keys");

    private record Pair(String name, String title, double goal, boolean warmA, Callable<Target[]> targets) {
    }

    private record Profiled(Run run, Instant start, Instant end) {
    }

    private record Result(Pair pair, List<Run> a, List<Run> b, long rssMib) {
        double rateA() {
            return a.stream().mapToDouble(Run::rate).average().orElse(0);
        }

        double rateB() {
            return b.stream().mapToDouble(Run::rate).average().orElse(0);
        }
    }

    private final BenchOptions options;
    private final Server server;
    private final Fixture fixture;
    private final Wrk wrk;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private final Map<String, Profiled> profiled = new LinkedHashMap<>();
    private Gateways nginx;

    private Bench(BenchOptions options, Server server, Fixture fixture) {
        this.options = options;
        this.server = server;
        this.fixture = fixture;
        this.wrk = new Wrk(options, server::pid);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.work());
        List<String> startOptions = new ArrayList<>();
        if (options.sizedCaches()) {
            startOptions.addAll(cacheOptions(options.keys()));
        }
        startOptions.addAll(options.serverOptions());
        System.out.printf("== keycloak-access-keys benchmark, %s, %d CPUs, %s, %d keys, wrk -t%d -c%d, warm-up %d s, "
                        + "%d x %d s per side%n", Instant.now().toString().substring(0, 19) + "Z",
                Runtime.getRuntime().availableProcessors(), options.db(), options.keys(), options.threads(),
                options.connections(), options.warmupSeconds(), options.rounds(), options.seconds());
        System.out.println("server options: " + String.join(" ", startOptions)
                + (options.heapMib() > 0 ? "; heap -Xmx" + options.heapMib() + "m" : "; heap: kc.sh's default"));
        try (Server server = Server.start(options, startOptions)) {
            System.out.printf("kc.sh build %.0f s, kc.sh start --optimized %.0f s (log: %s)%n", server.buildTime().toSeconds() * 1.0,
                    server.startTime().toMillis() / 1000.0, options.work().resolve("keycloak.log"));
            System.out.println("setup:");
            Fixture fixture = Fixture.create(new Admin(server.baseUrl()), server.baseUrl(), options.keys());
            System.out.printf("setup took %.0f s (realm, %d users, %d keys), RSS %d MiB%n", fixture.setupTime.toMillis() / 1000.0,
                    fixture.many.size() / 2 + 12, fixture.many.size() + 12, server.rssMib());
            // Each creation warms the node's caches for its key in the background: let that finish before measuring.
            Duration idle = server.awaitIdle(Duration.ofMinutes(10));
            System.out.printf("server idle %.0f s after setup (background cache warm-up of the new keys), RSS %d MiB%n",
                    idle.toMillis() / 1000.0, server.rssMib());
            if (options.runs("many-keys")) {
                // The many keys were imported, so no creation warmed them: a node start does (warm-up-keys).
                Duration restart = server.restart();
                Duration warm = server.awaitIdle(Duration.ofMinutes(30));
                System.out.printf("server restarted in %.0f s, idle %.0f s later, RSS %d MiB: %s%n",
                        restart.toMillis() / 1000.0, warm.toMillis() / 1000.0, server.rssMib(),
                        server.lastLogLine("Access keys: caches"));
            }
            new Bench(options, server, fixture).run();
        }
    }

    /** Caches sized to the keys in use (see bench/README.md, "Sizing the caches"). */
    static List<String> cacheOptions(int keys) {
        int entries = Math.max(100_000, keys + 1_000);
        int users = Math.max(10_000, keys / 2 + 1_000);
        String spi = "--spi-access-keys-verification--default--";
        return List.of("--cache-embedded-users-max-count=" + users, spi + "key-owner-cache-size=" + entries,
                spi + "last-use-memo-size=" + entries, spi + "warm-up-keys=" + Math.max(10_000, keys + 1_000), spi + "signing-key-cache-size=" + Math.max(10_000, keys + 1_000));
    }

    private void run() throws Exception {
        String base = server.baseUrl();
        String realm = base + "/realms/" + Fixture.REALM;
        List<Pair> pairs = List.of(
                new Pair("whoami", "whoami (SigV4, permanent key) / discovery document", 1.4, true, () -> new Target[] {
                        target("whoami", base, List.of(whoami(fixture.single)), 200, "\"accessKeyId\""),
                        target("discovery", base, List.of(Req.plain("GET", realm + "/.well-known/openid-configuration",
                                Map.of(), null)), 200, "\"issuer\"")}),
                new Pair("verify", "/verify (gateway, bearer token) / token introspection", 2, true, () -> new Target[] {
                        target("verify", base, List.of(verify()), 200, "\"valid\":true"), introspection()}),
                new Pair("grant", "signed-request grant / client_credentials grant", 1, true, () -> new Target[] {
                        target("grant", base, List.of(grant(fixture.single)), 200, "\"access_token\""),
                        target("client_credentials", base, List.of(clientCredentials()), 200, "\"access_token\"")}),
                new Pair("many-keys", "whoami over " + fixture.many.size() + " keys / over 10 keys", 0.9, false, () -> {
                    List<Req> many = new ArrayList<>();
                    for (Fixture.Key key : fixture.many) {
                        many.add(whoami(key));
                    }
                    return new Target[] {target("whoami-many", base, many, 200, "\"accessKeyId\""),
                            target("whoami-10", base, fixture.ten.stream().map(this::whoami).toList(), 200, "\"accessKeyId\"")};
                }),
                new Pair("nginx", "nginx + forward-auth / the same nginx without auth", Double.NaN, true, () -> new Target[] {
                        target("nginx+forward-auth", nginx().forwardAuthUrl(), List.of(signedApiCall(nginx().forwardAuthUrl())),
                                200, "user=" + Fixture.SINGLE_USER),
                        target("nginx-no-auth", nginx().plainUrl(), List.of(Req.plain("GET", nginx().plainUrl() + API_PATH,
                                Map.of(), null)), 200, "upstream ok")}),
                new Pair("forward-auth", "forward-auth (Keycloak alone) / token introspection", 2, true, () -> new Target[] {
                        target("forward-auth", base, List.of(forwardAuth()), 200, "header:X-Access-Key-User"), introspection()}));
        try {
            for (Pair pair : pairs) {
                if (options.runs(pair.name())) {
                    measure(pair);
                }
            }
        } finally {
            if (nginx != null) {
                nginx.close();
            }
        }
        summary();
        databaseCounts();
        profile();
        System.out.printf("%nserver RSS at the end: %d MiB%n", server.rssMib());
    }

    private void measure(Pair pair) throws Exception {
        System.out.printf("%n== %s%n", pair.title());
        Target[] targets = pair.targets().call(); // signed now: signatures hold 15 minutes
        Target a = targets[0];
        Target b = targets[1];
        if (options.warmupSeconds() > 0) {
            int half = Math.max(1, options.warmupSeconds() / 2);
            if (pair.warmA()) {
                report("warm-up " + a.label(), wrk.run(a, half, 0));
            } else {
                System.out.printf("  (no warm-up of %s: its first run includes keys never used)%n", a.label());
            }
            report("warm-up " + b.label(), wrk.run(b, pair.warmA() ? half : options.warmupSeconds(), 0));
        }
        List<Run> runsA = new ArrayList<>();
        List<Run> runsB = new ArrayList<>();
        long offsetA = 0;
        for (int round = 1; round <= options.rounds(); round++) {
            boolean last = round == options.rounds();
            Instant startA = Instant.now();
            Run runA = wrk.run(a, options.seconds(), offsetA);
            offsetA += runA.requests() / options.threads();
            if (last && PROFILED.contains(pair.name())) {
                dump(a.label(), runA, startA);
            } else if (round == 1 && pair.name().equals("many-keys")) {
                dump(a.label() + "-first", runA, startA); // the first uses
            }
            report(a.label(), runA);
            runsA.add(runA);
            Instant startB = Instant.now();
            Run runB = wrk.run(b, options.seconds(), 0);
            if (last && PROFILED.contains(pair.name())) {
                dump(b.label(), runB, startB);
            }
            report(b.label(), runB);
            runsB.add(runB);
        }
        Result result = new Result(pair, runsA, runsB, server.rssMib());
        results.put(pair.name(), result);
        System.out.printf("  => %s: %s / %s = %.2f%s; server RSS %d MiB%n", pair.name(), rate(result.rateA()),
                rate(result.rateB()), result.rateA() / result.rateB(), Double.isNaN(pair.goal()) ? ""
                        : String.format(" (goal >= %s)", trim(pair.goal())), result.rssMib());
        if (pair.name().equals("many-keys")) {
            long sent = runsA.stream().mapToLong(Run::requests).sum();
            System.out.printf("  the %d runs of %s sent %d requests over %d keys, one key after the other: the first %d "
                            + "calls were each key's first use; %d last-use rows stored so far (the node writes a "
                            + "burst of first uses over the following seconds)%n", runsA.size(), a.label(), sent,
                    fixture.many.size(), Math.min(sent, fixture.many.size()), new DatabaseCounters(server).usageRows());
        }
        if (pair.name().equals("forward-auth") && results.containsKey("nginx")) {
            System.out.printf("  nginx + forward-auth / introspection = %.2f%n", results.get("nginx").rateA() / result.rateB());
        }
    }

    private void dump(String name, Run run, Instant start) throws Exception {
        if (!options.jfr()) {
            return;
        }
        Instant end = Instant.now();
        server.dumpRecording(options.work().resolve("jfr-" + name + ".jfr"), options.seconds() + 10);
        profiled.put(name, new Profiled(run, start, end));
    }

    private void summary() {
        System.out.printf("%n== Summary (req/s: mean of the runs; p50: median, p99: highest of the runs; wrong: all runs)%n");
        System.out.printf("%-13s %10s %10s %6s %6s  %-17s %-17s %s%n", "pair", "A req/s", "B req/s", "ratio", "goal",
                "p50 A / B ms", "p99 A / B ms", "wrong A / B");
        for (Result r : results.values()) {
            System.out.printf("%-13s %10.0f %10.0f %6.2f %6s  %-17s %-17s %d / %d%n", r.pair().name(), r.rateA(), r.rateB(),
                    r.rateA() / r.rateB(), Double.isNaN(r.pair().goal()) ? "-" : ">=" + trim(r.pair().goal()),
                    ms(median(r.a(), true)) + " / " + ms(median(r.b(), true)), ms(max(r.a())) + " / " + ms(max(r.b())),
                    r.a().stream().mapToLong(Run::wrong).sum(), r.b().stream().mapToLong(Run::wrong).sum());
        }
    }

    private void databaseCounts() throws Exception {
        DatabaseCounters counters = new DatabaseCounters(server);
        HttpClient client = HttpClient.newHttpClient();
        System.out.printf("%n== Database%n");
        if (counters.hasStatistics()) {
            System.out.println("reads and writes per 1000 calls (PostgreSQL pg_stat_user_tables: index + sequential scans; "
                    + "tuples inserted, updated, deleted), after the runs above (caches warm):");
            Map<String, Req> calls = new LinkedHashMap<>();
            calls.put("whoami", whoami(fixture.single));
            calls.put("/verify", verify());
            calls.put("introspection", introspectionReq());
            calls.put("forward-auth", forwardAuth());
            calls.put("signed-request grant", grant(fixture.single));
            calls.put("client_credentials", clientCredentials());
            for (Map.Entry<String, Req> call : calls.entrySet()) {
                counters.settle();
                var before = counters.snapshot();
                send(client, call.getValue(), 1000);
                counters.settle();
                var delta = DatabaseCounters.delta(before, counters.snapshot());
                long reads = delta.values().stream().mapToLong(DatabaseCounters.Table::reads).sum();
                long writes = delta.values().stream().mapToLong(DatabaseCounters.Table::writes).sum();
                StringBuilder tables = new StringBuilder();
                delta.forEach((name, t) -> tables.append(String.format(" %s(r%d w%d)", name, t.reads(), t.writes())));
                System.out.printf("  %-22s reads %5d  writes %5d %s%n", call.getKey(), reads, writes, tables);
            }
        } else {
            System.out.println("  reads per call: PostgreSQL only (--db postgres)");
        }
        // Writes per key: a key never used before, once, then 1000 times within a few seconds.
        var before = counters.snapshot();
        long stored = counters.lastUseStored(fixture.probe.accessKeyId());
        send(client, whoami(fixture.probe), 1);
        // Last uses are written behind, every second, at most the node's write rate: after many-keys' first uses the
        // probe's may wait its turn.
        long noted = System.nanoTime();
        long first;
        do {
            Thread.sleep(500);
            first = counters.lastUseStored(fixture.probe.accessKeyId());
        } while (first < 0 && System.nanoTime() - noted < Duration.ofMinutes(10).toNanos());
        System.out.printf(first < 0 ? "  the probe key's first use was not written within %.0f s%n"
                : "  the probe key's first use was written %.1f s after the call%n", (System.nanoTime() - noted) / 1e9);
        counters.settle();
        var afterFirst = counters.snapshot();
        send(client, whoami(fixture.probe), 1000);
        Thread.sleep(2500);
        long later = counters.lastUseStored(fixture.probe.accessKeyId());
        counters.settle();
        var afterMore = counters.snapshot();
        System.out.printf("writes per key (ACCESS_KEY_USAGE): before first use %s; after the first call %s; after 1000 more "
                        + "calls %s%n", stored < 0 ? "no row" : "a row", first < 0 ? "no row" : "a row",
                later == first ? "the same row, unchanged" : "the row changed");
        if (counters.hasStatistics()) {
            System.out.printf("  PostgreSQL, all tables: first call %s; 1000 more calls %s%n",
                    writes(DatabaseCounters.delta(before, afterFirst)), writes(DatabaseCounters.delta(afterFirst, afterMore)));
        }
    }

    private static String writes(Map<String, DatabaseCounters.Table> delta) {
        StringBuilder text = new StringBuilder();
        delta.forEach((name, t) -> {
            if (t.writes() > 0) {
                text.append(String.format("%s +%d ins %d upd %d del; ", name, t.inserts(), t.updates(), t.deletes()));
            }
        });
        return text.length() == 0 ? "no writes" : text.toString();
    }

    private void profile() throws Exception {
        if (profiled.isEmpty()) {
            return;
        }
        System.out.printf("%n== JFR profile (recording started with the server; the last A and B runs of %s, and the "
                + "first A run of many-keys)%n", String.join(" and ", PROFILED));
        Map<String, Map<String, Double>> perThousand = new LinkedHashMap<>();
        for (Map.Entry<String, Profiled> entry : profiled.entrySet()) {
            Path file = options.work().resolve("jfr-" + entry.getKey() + ".jfr");
            Profile.Summary summary = Profile.of(file, entry.getValue().start(), entry.getValue().end());
            Run run = entry.getValue().run();
            System.out.printf("-- %s: %d CPU samples for %d requests (%.1f per 1000 requests), GC pauses %d ms in %d "
                            + "collections, %s%n", entry.getKey(), summary.samples(), run.requests(),
                    1000.0 * summary.samples() / run.requests(), summary.gcPauseMillis(), summary.collections(), file);
            System.out.println("   on the stack (Keycloak and extension methods, share of samples):");
            Profile.top(summary.inclusive(), summary.samples(), 25).forEach(line -> System.out.println("     " + line));
            System.out.println("   on top of the stack (self time):");
            Profile.top(summary.self(), summary.samples(), 12).forEach(line -> System.out.println("     " + line));
            Map<String, Double> normalised = new LinkedHashMap<>();
            summary.inclusive().forEach((method, count) -> normalised.put(method, 1000.0 * count / run.requests()));
            perThousand.put(entry.getKey(), normalised);
        }
        for (List<String> pair : List.of(List.of("grant", "client_credentials"), List.of("whoami-many-first", "whoami-10"),
                List.of("whoami-many", "whoami-10"))) {
            Map<String, Double> a = perThousand.get(pair.get(0));
            Map<String, Double> b = perThousand.get(pair.get(1));
            if (a == null || b == null) {
                continue;
            }
            System.out.printf("-- where %s's extra samples go (samples per 1000 requests on the stack, %s - %s, largest "
                    + "first):%n", pair.get(0), pair.get(0), pair.get(1));
            a.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - b.getOrDefault(e.getKey(), 0.0)))
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("     %+6.2f  %s%n", e.getValue(), e.getKey()));
        }
    }

    private void send(HttpClient client, Req request, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            int status = request.send(client).statusCode();
            if (status != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + status);
            }
        }
    }

    // --- the requests

    private Target target(String label, String url, List<Req> requests, int status, String marker) throws Exception {
        Path file = Req.write(options.work().resolve("requests-" + label + ".txt"), requests);
        return new Target(label, url, file, status, marker);
    }

    private Req whoami(Fixture.Key key) {
        return whoamiOf(key, server.baseUrl());
    }

    private static Req whoamiOf(Fixture.Key key, String base) {
        return Req.signed(key.accessKeyId(), key.secret(), "GET", base + "/realms/" + Fixture.REALM + "/access-keys/whoami",
                null, null);
    }

    private Req signedApiCall(String gatewayUrl) {
        return Req.signed(fixture.single.accessKeyId(), fixture.single.secret(), "GET", gatewayUrl + API_PATH, null, null);
    }

    /** The body a gateway sends for a request signed for its API host. */
    private Req verify() throws Exception {
        Req signed = Req.signed(fixture.single.accessKeyId(), fixture.single.secret(), "GET",
                "https://api.example.com" + API_PATH, null, null);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("api.example.com"));
        signed.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        String body = Admin.JSON.writeValueAsString(Map.of("method", "GET", "uri", API_PATH, "headers", headers));
        return Req.plain("POST", server.baseUrl() + "/realms/" + Fixture.REALM + "/access-keys/verify",
                Map.of("Authorization", "Bearer " + fixture.gatewayToken, "Content-Type", "application/json"), body);
    }

    private Target introspection() throws Exception {
        return target("introspection", server.baseUrl(), List.of(introspectionReq()), 200, "\"active\":true");
    }

    private Req introspectionReq() {
        return Req.plain("POST", server.baseUrl() + "/realms/" + Fixture.REALM + "/protocol/openid-connect/token/introspect",
                Map.of("Authorization", "Basic " + Fixture.gatewayBasic(), "Content-Type", "application/x-www-form-urlencoded"),
                "token=" + fixture.gatewayToken);
    }

    private Req grant(Fixture.Key key) {
        String body = Admin.formBody(new LinkedHashMap<>(Map.of("grant_type",
                "urn:access-keys:params:oauth:grant-type:signed-request"))) + "&client_id=" + Fixture.GRANT_CLIENT;
        return Req.signed(key.accessKeyId(), key.secret(), "POST", server.baseUrl() + "/realms/" + Fixture.REALM
                + "/protocol/openid-connect/token", "application/x-www-form-urlencoded", body);
    }

    private Req clientCredentials() {
        return Req.plain("POST", server.baseUrl() + "/realms/" + Fixture.REALM + "/protocol/openid-connect/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "grant_type=client_credentials&client_id="
                        + Fixture.GATEWAY + "&client_secret=" + Fixture.GATEWAY_SECRET);
    }

    /** What nginx's auth_request sends: the client's signed request for the gateway's host, and the gateway's credential. */
    private Req forwardAuth() throws Exception {
        String gateway = nginx().forwardAuthUrl();
        return Req.plain("GET", server.baseUrl() + "/realms/" + Fixture.REALM + "/access-keys/forward-auth",
                Map.of(), null).withHeaders(signedApiCall(gateway).headers()).withHeaders(Map.of(
                "X-Forwarded-Method", "GET", "X-Forwarded-Uri", API_PATH,
                "X-Forwarded-Host", gateway.substring("http://".length()), "X-Gateway-Authorization", "Basic " + Fixture.gatewayBasic()));
    }

    private Gateways nginx() throws Exception {
        if (nginx == null) {
            nginx = Gateways.start(options.work().resolve("nginx"), options.lua().toAbsolutePath().getParent().getParent(),
                    server.hostHeader(), Fixture.REALM, Fixture.gatewayBasic());
        }
        return nginx;
    }

    // --- printing

    private static void report(String label, Run run) {
        System.out.printf("  %-24s %9.0f req/s  p50 %7s ms  p99 %7s ms  CPU/req server %5.1f us wrk %4.1f us  wrong %d%s%s%n",
                label, run.rate(), ms(run.p50()), ms(run.p99()), run.serverCpuMicros(), run.wrkCpuMicros(), run.wrong(),
                run.socketErrors() == 0 ? "" : " (" + run.socketErrors() + " of them socket errors or timeouts)",
                run.example() == null ? "" : "  (first: " + run.example() + ")");
    }

    private static String rate(double rate) {
        return String.format("%.0f req/s", rate);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String ms(long micros) {
        return String.format("%.2f", micros / 1000.0);
    }

    private static long median(List<Run> runs, boolean p50) {
        List<Long> values = runs.stream().map(r -> p50 ? r.p50() : r.p99()).sorted().toList();
        return values.get(values.size() / 2);
    }

    private static long max(List<Run> runs) {
        return runs.stream().mapToLong(Run::p99).max().orElse(0);
    }
}
