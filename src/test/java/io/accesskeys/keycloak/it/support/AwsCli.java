package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's AWS CLI v2 ({@value #BINARY}; not a pip {@code awscli} that may come first on PATH), run with a home,
 * config and credentials file of its own and none of the caller's {@code AWS_*} variables.
 */
public final class AwsCli {

    public static final String BINARY = "/usr/bin/aws";

    private final Path home;

    private AwsCli(Path home) {
        this.home = home;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    public static AwsCli inTemporaryHome() {
        try {
            return new AwsCli(Files.createTempDirectory("aws-cli-it"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public Result expectSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("aws exited with " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    /** Runs {@code aws arguments...} with {@code environment} added to the clean one. */
    public Result run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(environment);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws did not finish: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Result run(String... arguments) {
        return run(Map.of(), arguments);
    }
}
