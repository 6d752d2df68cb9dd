package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's nginx ({@value #BINARY}) in the foreground on a free port of 127.0.0.1, with the server block a test
 * gives (one {@code server { ... }} body), in a temporary prefix of its own. Closing stops it.
 */
public final class Nginx implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/nginx";

    private final Process process;
    private final int port;
    private final Path prefix;

    private Nginx(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /** Starts nginx with {@code serverBody} inside {@code server { listen 127.0.0.1:PORT; ... }}. */
    public static Nginx start(String serverBody) {
        try {
            int port = LocalProcesses.freePort();
            Path prefix = Files.createTempDirectory("nginx-it");
            String conf = "daemon off;\nmaster_process off;\npid " + prefix.resolve("nginx.pid") + ";\n"
                    + "error_log " + prefix.resolve("error.log") + " info;\n"
                    + "events { worker_connections 64; }\n"
                    + "http {\n  access_log " + prefix.resolve("access.log") + ";\n"
                    + "  client_body_temp_path " + prefix.resolve("body") + ";\n"
                    + "  proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                    + "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                    + "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                    + "  scgi_temp_path " + prefix.resolve("scgi") + ";\n"
                    + "  server {\n    listen 127.0.0.1:" + port + ";\n" + serverBody + "\n  }\n}\n";
            Path confFile = prefix.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            Process process = new ProcessBuilder(BINARY, "-p", prefix.toString(), "-c", confFile.toString())
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(process, port, prefix);
            LocalProcesses.awaitListening("nginx", process, port, Duration.ofSeconds(20), nginx::stdout);
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private String stdout() {
        try {
            return Files.readString(prefix.resolve("stdout.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** nginx's access log so far (for assertion messages). */
    public String accessLog() {
        try {
            Path log = prefix.resolve("access.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        LocalProcesses.stop(process);
    }
}
