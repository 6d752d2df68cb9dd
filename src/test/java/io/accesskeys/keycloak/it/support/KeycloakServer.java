package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

    private final Path home;
    private final TestDatabase database;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private Process process;
    private Duration startTime;

    private KeycloakServer(Path home, TestDatabase database, Path log) {
        this.home = home;
        this.database = database;
        this.log = log;
        this.httpPort = freePort();
        this.managementPort = freePort();
    }

    /** Starts the server described by the Failsafe system properties (see pom.xml). */
    public static KeycloakServer startFromSystemProperties() {
        Path home = Path.of(required("keycloak.home"));
        Path jar = Path.of(required("provider.jar"));
        Path artifacts = Path.of(System.getProperty("test.artifacts", "target/it-artifacts"));
        KeycloakServer server = new KeycloakServer(home, TestDatabase.selected(), artifacts.resolve("keycloak.log"));
        String testProvider = System.getProperty("test.provider.jar");
        server.start(jar, testProvider == null ? null : Path.of(testProvider), extraOptions());
        return server;
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

    private void start(Path providerJar, Path testProviderJar, List<String> extraOptions) {
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests with `mvn verify`");
            }
            if (!Files.isRegularFile(providerJar)) {
                throw new IllegalStateException("Provider jar " + providerJar + " is missing: run `mvn verify`");
            }
            installProviders(providerJar, testProviderJar);
            database.reset();
            if (database == TestDatabase.H2) {
                deleteTree(home.resolve("data/h2"));
            }
            Files.createDirectories(log.getParent());

            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                    "--health-enabled=true", "--cache=local",
                    // As behind a reverse proxy: the tests show which forwarded host a signature is checked against.
                    "--proxy-headers=xforwarded"));
            command.addAll(database.serverOptions());
            command.addAll(extraOptions);

            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

            long started = System.nanoTime();
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            awaitReady();
            startTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("Keycloak started in %.1f s on %s (database %s)%n",
                    startTime.toMillis() / 1000.0, baseUrl(), database.name().toLowerCase());
        } catch (IOException | java.sql.SQLException e) {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
