package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What every server a test starts on loopback needs: a free port, waiting until it listens, stopping it. */
public final class LocalProcesses {

    private LocalProcesses() {
    }

    /** A port free right now (on every interface) (the server started next binds it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns once {@code process} accepts connections on 127.0.0.1:{@code port}; fails with {@code log} when it exits
     * first or does not listen within {@code timeout} (and then stops it).
     */
    public static void awaitListening(String name, Process process, int port, Duration timeout, Supplier<String> log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + log.get());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        stop(process);
        throw new IllegalStateException(name + " did not listen on " + port + ": " + log.get());
    }

    /** Asks {@code process} to stop, and kills it if it is still there after 10 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
