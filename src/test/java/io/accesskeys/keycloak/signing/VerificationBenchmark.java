package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cost of one in-process verification, single thread: full SigV4 (warm signing-key cache, trivial resolver),
 * full SDK-HMAC-SHA256, and the bare SHA-256 + HMAC-SHA256 over the same canonical request for comparison.
 * Not a timed test: run {@code main}, or {@code mvn test -Dbenchmark.excluded=none -Dgroups=benchmark}.
 */
public final class VerificationBenchmark {

    static final int ITERATIONS = 200_000;
    static final int WARMUP = 50_000;
    static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        for (String line : run()) {
            System.out.println(line);
        }
    }

    @Test
    @Tag("benchmark")
    void benchmark() throws Exception {
        String[] lines = run();
        for (String line : lines) {
            System.out.println(line);
        }
        assertTrue(lines.length == 3);
    }

    static String[] run() throws Exception {
        RequestVerifier verifier = new RequestVerifier(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), new SigningKeyCache());
        KeyResolution found = KeyResolution.found(AccessSecret.of(Fixtures.SK), "benchmark");
        SecretResolver resolver = (ak, ctx) -> found;

        RequestSigner.SigningResult aws = Fixtures.SIGNER.signAws4(Fixtures.unsigned(), Fixtures.NOW,
                Fixtures.REGION, Fixtures.SERVICE);
        SignedRequest awsRequest = aws.request();
        SignedRequest sdkRequest = Fixtures.sdk();
        if (!verifier.verify(awsRequest, resolver).valid() || !verifier.verify(sdkRequest, resolver).valid()) {
            throw new IllegalStateException("fixtures do not verify");
        }

        byte[] canonical = aws.canonicalRequest().getBytes(StandardCharsets.UTF_8);
        String stsPrefix = aws.stringToSign().substring(0, aws.stringToSign().lastIndexOf('\n') + 1);
        byte[] signingKey = Aws4Rules.deriveSigningKey(AccessSecret.of(Fixtures.SK), "20240501",
                Fixtures.REGION, Fixtures.SERVICE);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Mac mac = Mac.getInstance("HmacSHA256");
        BooleanSupplier bare = () -> {
            try {
                String sts = stsPrefix + Hex.encode(sha256.digest(canonical));
                mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
                return mac.doFinal(sts.getBytes(StandardCharsets.UTF_8))[0] != 7;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        return new String[] {
            report("SigV4 full verification", () -> verifier.verify(awsRequest, resolver).valid()),
            report("SDK-HMAC-SHA256 full verification", () -> verifier.verify(sdkRequest, resolver).valid()),
            report("bare SHA-256 + HMAC-SHA256 of the canonical request", bare),
        };
    }

    /** Median over batches of {@link #BATCH} operations (so the clock's own cost is spread), in microseconds. */
    static String report(String name, BooleanSupplier op) {
        int sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += op.getAsBoolean() ? 1 : 0;
        }
        double[] perOp = new double[ITERATIONS / BATCH];
        for (int b = 0; b < perOp.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                sink += op.getAsBoolean() ? 1 : 0;
            }
            perOp[b] = (System.nanoTime() - start) / 1000.0 / BATCH;
        }
        if (sink != WARMUP + ITERATIONS) {
            throw new IllegalStateException(name + ": an operation failed");
        }
        Arrays.sort(perOp);
        return String.format("%-52s median %7.2f us   p90 %7.2f us   (%d ops)", name,
                perOp[perOp.length / 2], perOp[perOp.length * 9 / 10], ITERATIONS);
    }
}
