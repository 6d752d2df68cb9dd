package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.accesskeys.keycloak.it.support.LocalProcesses;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}) as a process of its own, one worker, with three servers: an upstream that
 * answers itself (and echoes the user forward-auth passed on), the same proxy to it without auth, and the shipped
 * forward-auth configuration (docs/gateways/nginx-access-keys.conf, placeholders filled) in front of it.
 */
final class Gateways implements AutoCloseable {

    private final Process process;
    private final int plainPort;
    private final int forwardAuthPort;

    private Gateways(Process process, int plainPort, int forwardAuthPort) {
        this.process = process;
        this.plainPort = plainPort;
        this.forwardAuthPort = forwardAuthPort;
    }

    static Gateways start(Path relativePrefix, Path repository, String keycloak, String realm, String credential) throws Exception {
        Path prefix = relativePrefix.toAbsolutePath();
        Server.deleteTree(prefix);
        Files.createDirectories(prefix);
        int upstream = LocalProcesses.freePort();
        int plain = LocalProcesses.freePort();
        int forwardAuth = LocalProcesses.freePort();
        String shipped = Files.readString(repository.resolve("docs/gateways/nginx-access-keys.conf"))
                .replace("@KEYCLOAK@", keycloak).replace("@REALM@", realm).replace("@GATEWAY_CREDENTIAL@", credential)
                .replace("@LISTEN@", "127.0.0.1:" + forwardAuth).replace("@UPSTREAM@", "127.0.0.1:" + upstream);
        String conf = "daemon off;\nworker_processes 1;\npid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + prefix.resolve("body") + ";\n"
                + "  proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + prefix.resolve("scgi") + ";\n"
                + "  server { listen 127.0.0.1:" + upstream + "; location / { default_type text/plain;"
                + " return 200 \"upstream ok user=$http_x_access_key_user\\n\"; } }\n"
                // the same proxying as the shipped location /, without auth_request
                + "  server { listen 127.0.0.1:" + plain + "; location / { proxy_set_header Host $http_host;"
                + " proxy_pass http://127.0.0.1:" + upstream + "; } }\n"
                + shipped + "\n}\n";
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        LocalProcesses.awaitListening("nginx", process, forwardAuth, Duration.ofSeconds(10), () -> read(prefix.resolve("stdout.log")));
        return new Gateways(process, plain, forwardAuth);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    String plainUrl() {
        return "http://127.0.0.1:" + plainPort;
    }

    String forwardAuthUrl() {
        return "http://127.0.0.1:" + forwardAuthPort;
    }

    @Override
    public void close() {
        LocalProcesses.stop(process);
    }
}
