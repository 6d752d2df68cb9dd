package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.accesskeys.keycloak.it.support.LocalProcesses;

/**
 * Keycloak in production mode as an administrator runs it: a fresh copy of the distribution with the jar in
 * {@code providers/}, {@code kc.sh build}, then {@code kc.sh start --optimized}; H2 (dev-file) or PostgreSQL.
 */
final class Server implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin";
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_SCHEMA = "bench";
    private static final String H2_PASSWORD = "password";

    final Path home;
    final String db;
    final int port = LocalProcesses.freePort();
    private final int managementPort = LocalProcesses.freePort();
    private final Path log;
    private Process process;
    private ProcessHandle jvm;
    private Duration buildTime;
    private Duration startTime;
    private List<String> startCommand;
    private String javaOpts;
    private int heapMib;

    private Server(Path home, String db, Path log) {
        this.home = home;
        this.db = db;
        this.log = log;
    }

    static Server start(BenchOptions options, List<String> startOptions) throws Exception {
        Path home = options.work().toAbsolutePath().resolve("keycloak");
        deleteTree(home);
        copyTree(options.keycloakDist(), home);
        Files.copy(options.jar(), home.resolve("providers").resolve(options.jar().getFileName()));
        Server server = new Server(home, options.db(), options.work().resolve("keycloak.log"));
        Files.deleteIfExists(server.log);
        if (options.db().equals("postgres")) {
            try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
                statement.execute("CREATE SCHEMA " + PG_SCHEMA);
            }
        }
        long started = System.nanoTime();
        server.run(List.of("build", "--db=" + (options.db().equals("h2") ? "dev-file" : "postgres")), null, true);
        server.buildTime = Duration.ofNanos(System.nanoTime() - started);

        List<String> start = new ArrayList<>(List.of("start", "--optimized", "--http-enabled=true", "--http-host=127.0.0.1",
                "--http-port=" + server.port, "--http-management-port=" + server.managementPort, "--hostname-strict=false",
                // forward-auth behind nginx: signatures are checked against the host the client addressed
                "--proxy-headers=xforwarded", "--cache=local"));
        start.addAll(server.databaseOptions());
        start.addAll(startOptions);
        // Keycloak's stacks run deeper than JFR's default 64 frames: without more, samples lose the grant frames.
        String javaOpts = options.jfr() ? "-XX:FlightRecorderOptions:stackdepth=256 "
                + "-XX:StartFlightRecording=name=bench,settings=profile,maxage=30m,disk=true" : null;
        server.heapMib = options.heapMib();
        server.startCommand = start;
        server.javaOpts = javaOpts;
        server.startTime = server.launch();
        return server;
    }

    /** Stops the server and starts it again with the same options (a node start on the database as it is now). */
    Duration restart() throws Exception {
        close();
        return launch();
    }

    private Duration launch() throws Exception {
        long started = System.nanoTime();
        process = run(startCommand, javaOpts, false);
        awaitReady();
        jvm = process.toHandle().info().command().orElse("").endsWith("java") ? process.toHandle()
                : process.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .orElse(process.toHandle());
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The last line of the server's log that contains {@code text}, or null. */
    String lastLogLine(String text) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return lines.get(i).strip();
            }
        }
        return null;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String hostHeader() {
        return "127.0.0.1:" + port;
    }

    Duration buildTime() {
        return buildTime;
    }

    Duration startTime() {
        return startTime;
    }

    long pid() {
        return jvm.pid();
    }

    /** Resident set size of the server's JVM, in MiB. */
    long rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + jvm.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // the process has gone
        }
        return -1;
    }

    /**
     * Waits until the server's JVM uses under a tenth of a CPU over 2 s (background work such as the cache warm-up
     * after key creation has finished), at most {@code max}; the time waited.
     */
    Duration awaitIdle(Duration max) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long ticksPerSecond = 100; // USER_HZ on Linux
        long before = cpuTicks();
        while (System.nanoTime() - started < max.toNanos()) {
            Thread.sleep(2000);
            long now = cpuTicks();
            if (now - before < 2 * ticksPerSecond / 10) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + jvm.pid() + "/stat"));
        // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th of the line.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A JDBC connection to the server's database (H2 through AUTO_SERVER, while the server runs). */
    Connection connect() throws SQLException {
        if (db.equals("postgres")) {
            Connection connection = DriverManager.getConnection(PG_URL, "postgres", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + PG_SCHEMA);
            }
            return connection;
        }
        return DriverManager.getConnection(h2Url(), "sa", H2_PASSWORD);
    }

    /** Writes the JFR samples of the last {@code seconds} into {@code file} (the recording runs since the start). */
    void dumpRecording(Path file, int seconds) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid()), "JFR.dump", "name=bench", "begin=-" + seconds + "s",
                "filename=" + file.toAbsolutePath()).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0 || !Files.exists(file)) {
            throw new IllegalStateException("jcmd JFR.dump failed: " + output);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<String> databaseOptions() {
        if (db.equals("postgres")) {
            return List.of("--db-url=" + PG_URL, "--db-username=postgres", "--db-schema=" + PG_SCHEMA);
        }
        return List.of("--db-url=" + h2Url(), "--db-username=sa", "--db-password=" + H2_PASSWORD);
    }

    private String h2Url() {
        return "jdbc:h2:file:" + home.toAbsolutePath() + "/data/h2/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
    }

    private Process run(List<String> arguments, String javaOptsAppend, boolean wait) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        Files.writeString(log, "$ kc.sh " + String.join(" ", arguments) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (heapMib > 0) {
            // kc.sh's default outside a container is -Xmx512m, too small to cache the users of many keys.
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms" + heapMib + "m -Xmx" + heapMib + "m");
        }
        if (javaOptsAppend != null) {
            builder.environment().put("JAVA_OPTS_APPEND", javaOptsAppend);
        }
        Process started = builder.start();
        if (wait) {
            if (!started.waitFor(10, TimeUnit.MINUTES) || started.exitValue() != 0) {
                throw new IllegalStateException("kc.sh " + arguments.get(0) + " failed:\n" + logTail());
            }
        }
        return started;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited:\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within 5 minutes:\n" + logTail());
    }


    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
