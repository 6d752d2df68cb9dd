package io.accesskeys.keycloak.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code ./bench/run} (see bench/README.md). */
record BenchOptions(int keys, String db, int warmupSeconds, int seconds, int rounds, int threads, int connections,
                    boolean jfr, boolean sizedCaches, int heapMib, List<String> only, List<String> serverOptions, Path work,
                    Path keycloakDist, Path jar, Path lua) {

    static final String USAGE = """
            usage: ./bench/run [--quick] [--keys N] [--db h2|postgres] [--seconds S] [--warmup S] [--rounds R]
                               [--connections C] [--threads T] [--only pair,pair] [--no-jfr] [--default-caches]
                               [--heap MIB] [--server-option=--kc-option=value ...]
              pairs: whoami, verify, grant, many-keys, nginx, forward-auth""";

    static BenchOptions parse(String[] args) {
        int keys = -1;
        String db = "h2";
        int warmup = -1;
        int seconds = -1;
        int rounds = -1;
        int threads = 2;
        int connections = 16;
        boolean quick = false;
        boolean jfr = true;
        boolean sizedCaches = true;
        int heap = -1;
        List<String> only = List.of();
        List<String> serverOptions = new ArrayList<>();
        Path work = null;
        Path dist = null;
        Path jar = null;
        Path lua = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--db" -> db = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--no-jfr" -> jfr = false;
                case "--default-caches" -> sizedCaches = false;
                case "--heap" -> heap = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--keycloak-dist" -> dist = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--lua" -> lua = Path.of(args[++i]);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (arg.startsWith("--server-option=")) {
                        serverOptions.add(arg.substring("--server-option=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                }
            }
        }
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalArgumentException("--db is h2 or postgres\n" + USAGE);
        }
        if (work == null || dist == null || jar == null || lua == null) {
            throw new IllegalArgumentException("--work, --keycloak-dist, --jar and --lua are set by ./bench/run");
        }
        int keyCount = keys >= 0 ? keys : quick ? 2_000 : 200_000;
        // Sized caches hold every key's user: 8 KiB of heap per key (about 3 KiB measured) over kc.sh's 512 MiB.
        int heapMib = heap >= 0 ? heap : sizedCaches ? 512 + keyCount / 128 : 0;
        return new BenchOptions(keyCount, db, warmup >= 0 ? warmup : quick ? 4 : 60,
                seconds >= 0 ? seconds : quick ? 3 : 15, rounds >= 0 ? rounds : quick ? 1 : 3, threads, connections,
                jfr, sizedCaches, heapMib, only, List.copyOf(serverOptions), work, dist, jar, lua);
    }

    boolean runs(String pair) {
        return only.isEmpty() || only.contains(pair);
    }
}
