package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak from the distribution zip (unpacked by Maven into {@code keycloak.home}), with the provider jar
 * in {@code providers/} exactly as an administrator deploys it, started with {@code kc.sh} on free ports.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** How often the shared server runs the key hygiene task. */
    public static final int HYGIENE_INTERVAL_SECONDS = 3;

    private final Path home;
    private final TestDatabase database;
    private final String schema;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    /** {@code start-dev} (the shared server) or {@code start} (production mode, e.g. clustered). */
    private String mode = "start-dev";
    private List<String> modeOptions = List.of("--cache=local");
    private final List<String> extraOptions = new ArrayList<>();
    private Path providerJar;
    private Path testProviderJar;
    private Process process;
    private Duration startTime;

    private KeycloakServer(Path home, TestDatabase database, String schema, Path log) {
        this.home = home;
        this.database = database;
        this.schema = schema;
        this.log = log;
        this.httpPort = LocalProcesses.freePort();
        this.managementPort = LocalProcesses.freePort();
    }

    /** Starts the server described by the Failsafe system properties (see pom.xml). */
    public static KeycloakServer startFromSystemProperties() {
        Path home = Path.of(required("keycloak.home"));
        Path jar = Path.of(required("provider.jar"));
        Path artifacts = Path.of(System.getProperty("test.artifacts", "target/it-artifacts"));
        KeycloakServer server = new KeycloakServer(home, TestDatabase.selected(), TestDatabase.SCHEMA,
                artifacts.resolve("keycloak.log"));
        String testProvider = System.getProperty("test.provider.jar");
        server.providerJar = jar;
        server.testProviderJar = testProvider == null ? null : Path.of(testProvider);
        // The key hygiene task every few seconds instead of hourly, so that tests see it run (KeyRetirementIT).
        server.extraOptions.add("--spi-credential--access-key--hygiene-interval=" + HYGIENE_INTERVAL_SECONDS);
        server.extraOptions.addAll(extraOptions());
        server.start(true);
        return server;
    }

    /**
     * A server of its own, not the shared one, and not started yet: its own copy of the distribution (made once,
     * under {@code test.artifacts/name}), its own H2 file there or its own schema {@code accesskeys_name} on
     * PostgreSQL/MariaDB, the same provider jars, its log in {@code test.artifacts/name.log}. Several servers
     * may share one {@code schema} (a cluster): give them the same schema and distinct names.
     */
    public static KeycloakServer separate(String name, String schema) {
        Path artifacts = Path.of(System.getProperty("test.artifacts", "target/it-artifacts"));
        Path home = artifacts.resolve(name).toAbsolutePath();
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                copyTree(Path.of(required("keycloak.home")), home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeycloakServer server = new KeycloakServer(home, TestDatabase.selected(), schema, artifacts.resolve(name + ".log"));
        server.providerJar = Path.of(required("provider.jar"));
        String testProvider = System.getProperty("test.provider.jar");
        server.testProviderJar = testProvider == null ? null : Path.of(testProvider);
        return server;
    }

    /**
     * Production mode ({@code kc.sh start}) with these options instead of {@code start-dev --cache=local}; HTTP,
     * the loopback interface and no strict hostname are added here.
     */
    public KeycloakServer production(String... options) {
        mode = "start";
        List<String> all = new ArrayList<>(List.of("--http-enabled=true", "--http-host=127.0.0.1",
                "--hostname-strict=false"));
        all.addAll(Arrays.asList(options));
        modeOptions = List.copyOf(all);
        return this;
    }

    /** Adds server options (e.g. {@code --hostname=...}) to the next start. */
    public KeycloakServer withOptions(String... options) {
        extraOptions.addAll(Arrays.asList(options));
        return this;
    }

    /** Starts on an emptied database (or H2 file). */
    public KeycloakServer startFresh() {
        start(true);
        return this;
    }

    /** Starts on the database as it is (a second cluster node, a restart, a server after {@code kc.sh import}). */
    public KeycloakServer startOnExistingDatabase() {
        start(false);
        return this;
    }

    /** Empties this server's database (or H2 file) without starting anything. */
    public void resetDatabase() {
        try {
            database.reset(schema);
            if (database == TestDatabase.H2) {
                deleteTree(home.resolve("data/h2"));
            }
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("Could not reset the database: " + e.getMessage(), e);
        }
    }

    /** Whether the server process runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Runs {@code kc.sh <arguments>} of this server's distribution as a separate process (e.g. {@code export},
     * {@code import}) on the database of {@code databaseOf} (this server or another one, which may be running:
     * H2 files are opened with AUTO_SERVER), waits for it and returns what it printed; fails unless it exits with 0.
     * Run it on a distribution whose server is stopped: the tool may rebuild the distribution for its options.
     */
    public String kc(KeycloakServer databaseOf, Duration timeout, String... arguments) {
        if (isRunning()) {
            throw new IllegalStateException("kc.sh " + arguments[0] + " would rebuild the distribution of a running server");
        }
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(Arrays.asList(arguments));
        command.addAll(databaseOf.database.serverOptions(databaseOf.home.toString(), databaseOf.schema));
        try {
            installProviders(providerJar, testProviderJar);
            Path output = Files.createTempFile(log.getParent(), "kc-" + arguments[0] + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            // An import into an empty database creates the master realm: with the same bootstrap admin as a start.
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process tool = builder.start();
            if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.descendants().forEach(ProcessHandle::destroyForcibly);
                tool.destroyForcibly();
                throw new IllegalStateException("kc.sh " + arguments[0] + " did not end within " + timeout + ":\n"
                        + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (tool.exitValue() != 0) {
                throw new IllegalStateException("kc.sh " + arguments[0] + " exited with " + tool.exitValue() + ":\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public TestDatabase database() {
        return database;
    }

    public Path home() {
        return home;
    }

    /** Everything the server printed so far (tests look for leaked secrets in it). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Duration startTime() {
        return startTime;
    }

    /** Moves the server's clock (Keycloak's time offset) by {@code seconds}; 0 puts it back. */
    public void clockOffset(int seconds) {
        Http.put(baseUrl() + "/realms/master/test-server-clock?offset=" + seconds).send().expect(204);
    }

    private void start(boolean freshDatabase) {
        if (isRunning()) {
            throw new IllegalStateException("Keycloak at " + baseUrl() + " runs already");
        }
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests with `mvn verify`");
            }
            if (!Files.isRegularFile(providerJar)) {
                throw new IllegalStateException("Provider jar " + providerJar + " is missing: run `mvn verify`");
            }
            installProviders(providerJar, testProviderJar);
            if (freshDatabase) {
                resetDatabase();
            }
            Files.createDirectories(log.getParent());

            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), mode,
                    "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--health-enabled=true",
                    // As behind a reverse proxy: the tests show which forwarded host a signature is checked against.
                    "--proxy-headers=xforwarded"));
            command.addAll(modeOptions);
            command.addAll(database.serverOptions(home.toString(), schema));
            command.addAll(extraOptions);

            // A restart appends to the log, so that it tells the whole story of this server.
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

            long started = System.nanoTime();
            boolean firstStart = process == null;
            process = builder.start();
            if (firstStart) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            }
            awaitReady();
            startTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("Keycloak (%s) started in %.1f s on %s (database %s)%n", home.getFileName(),
                    startTime.toMillis() / 1000.0, baseUrl(), database.name().toLowerCase());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Keycloak: " + e.getMessage(), e);
        }
    }

    private void installProviders(Path providerJar, Path testProviderJar) throws IOException {
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        try (Stream<Path> old = Files.list(providers)) {
            for (Path path : (Iterable<Path>) old::iterator) {
                if (path.getFileName().toString().startsWith("keycloak-access-keys")) {
                    Files.delete(path);
                }
            }
        }
        Files.copy(providerJar, providers.resolve(providerJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        if (testProviderJar != null && Files.isRegularFile(testProviderJar)) {
            Files.copy(testProviderJar, providers.resolve(testProviderJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> extraOptions() {
        String options = System.getProperty("keycloak.options", "").trim();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests with `mvn verify`");
        }
        return value;
    }


    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (from.relativize(path).startsWith("data")) {
                    continue; // the runtime data (H2 files, caches) of the server the distribution belongs to
                }
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
