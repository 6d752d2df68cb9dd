package io.accesskeys.keycloak.it.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import io.accesskeys.keycloak.it.support.LocalProcesses;

/**
 * A real gateway process in front of an upstream, configured from the shipped file under {@code docs/gateways/} with
 * its placeholders filled in: Debian's nginx (run as the test's own process, {@code daemon off}) or Caddy. Loopback
 * only, free ports.
 */
final class Gateway implements AutoCloseable {

    static final Path DOCS = Path.of("docs", "gateways");

    enum Kind { NGINX, CADDY }

    private final Kind kind;
    private final Process process;
    private final int port;
    private final Path dir;

    private Gateway(Kind kind, Process process, int port, Path dir) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a gateway; {@code credential} is base64 of client-id:secret. */
    static Gateway start(Kind kind, String keycloak, String realm, String credential, String upstream) {
        return start(kind, keycloak, realm, credential, upstream, "");
    }

    /** The same, nginx with more of its own configuration in {@code http { }} (e.g. a server without auth). */
    static Gateway start(Kind kind, String keycloak, String realm, String credential, String upstream, String moreNginx) {
        try {
            int port = LocalProcesses.freePort();
            Path dir = Files.createTempDirectory("gateway-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Map<String, String> values = Map.of("@KEYCLOAK@", keycloak, "@REALM@", realm,
                    "@GATEWAY_CREDENTIAL@", credential, "@UPSTREAM@", upstream,
                    "@LISTEN@", kind == Kind.NGINX ? "127.0.0.1:" + port : String.valueOf(port), "@BIND@", "127.0.0.1");
            ProcessBuilder builder;
            if (kind == Kind.NGINX) {
                Files.writeString(dir.resolve("access-keys.conf"), fill(DOCS.resolve("nginx-access-keys.conf"), values));
                Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                        "pid " + dir.resolve("nginx.pid") + ";",
                        "error_log " + dir.resolve("error.log") + " warn;",
                        "worker_processes 2;",
                        "events { worker_connections 1024; }",
                        "http {",
                        "  access_log off;",
                        "  client_body_temp_path " + dir.resolve("body") + ";",
                        "  proxy_temp_path " + dir.resolve("proxy") + ";",
                        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                        "  scgi_temp_path " + dir.resolve("scgi") + ";",
                        "  include " + dir.resolve("access-keys.conf") + ";",
                        moreNginx,
                        "}", ""));
                builder = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                        "-e", dir.resolve("error.log").toString(), "-g", "daemon off;");
            } else {
                Files.writeString(dir.resolve("Caddyfile"), fill(DOCS.resolve("Caddyfile"), values));
                builder = new ProcessBuilder("/usr/bin/caddy", "run", "--config", dir.resolve("Caddyfile").toString(),
                        "--adapter", "caddyfile");
                builder.environment().put("HOME", dir.toString());
                builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
                builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
            }
            builder.redirectErrorStream(true).redirectOutput(dir.resolve("output.log").toFile());
            Gateway gateway = new Gateway(kind, builder.start(), port, dir);
            LocalProcesses.awaitListening(kind.toString(), gateway.process, port, Duration.ofSeconds(15), gateway::log);
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fill(Path template, Map<String, String> values) throws IOException {
        String text = Files.readString(template, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        if (text.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IllegalStateException(template + " has a placeholder the test does not fill");
        }
        return text;
    }

    Kind kind() {
        return kind;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    int port() {
        return port;
    }

    String log() {
        StringBuilder all = new StringBuilder();
        for (String name : new String[] {"output.log", "error.log"}) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    all.append(Files.readString(file));
                }
            } catch (IOException e) {
                all.append(e);
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        LocalProcesses.stop(process);
    }
}
