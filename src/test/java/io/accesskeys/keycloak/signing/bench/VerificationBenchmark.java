package io.accesskeys.keycloak.signing.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.RequestVerifier;
import io.accesskeys.keycloak.signing.SecretResolver;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.SigningKeyCache;
import io.accesskeys.keycloak.signing.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of one in-process verification, as the server does it (one shared {@link RequestVerifier}, a warm signing-key
 * cache, a resolver handing back the secret), for requests signed by the SDKs themselves: the AWS SDK for Java v2's
 * signer (SigV4: host;x-amz-content-sha256;x-amz-date) and the Huawei Cloud SDK's (SDK-HMAC-SHA256), a GET with a
 * query and a POST with a JSON body, each with the unsigned headers an SDK client sends too. The baseline,
 * {@code *Bare}, is what a verification cannot avoid for the same request: SHA-256 of the body (when there is one),
 * SHA-256 of the canonical request, the HMAC of the string to sign with the (cached) key, a constant-time compare.
 *
 * <p>A measurement, not a test: {@code mvn -Pjmh -Dskip.themes test-compile exec:exec} runs it with {@code -prof gc}
 * and prints a table of µs/op (the median of the iterations), bytes/op and the ratio full / bare;
 * {@code -Djmh.args="..."} passes JMH options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 12, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class VerificationBenchmark {

    static final String AK = "AKIAIOSFODNN7EXAMPLE";
    static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String HOST = "kc.example.com";
    static final String GET_URL = "https://" + HOST
            + "/realms/demo/access-keys/whoami?max-items=50&prefix=team%2Fa&starting-token=eyJ0b2tlbiI6IjEyMyJ9";
    static final String POST_URL = "https://" + HOST + "/realms/demo/access-keys/sts";
    static final String JSON = "{\"RoleSessionName\":\"ci-job-42\",\"DurationSeconds\":3600,\"Tags\":[{\"Key\":\"team\","
            + "\"Value\":\"payments\"}]}";
    static final Instant SIGNED_AT = Instant.parse("2024-05-01T10:00:00Z");

    /** The request signed: GET (with a query) or POST (JSON body). */
    @Param({"GET", "POST"})
    public String request;

    private Case sigv4;
    private Case sdkHmac;

    @Setup
    public void setUp() {
        String url = request.equals("GET") ? GET_URL : POST_URL;
        String body = request.equals("GET") ? null : JSON;
        Signers.Signed aws = Signers.Aws.of(AK, SK).at(SIGNED_AT).sign(request, url, body == null ? null : "application/json", body);
        sigv4 = Case.of(aws, "aws-sdk-java/2.56.0 ua/2.1 os/Linux lang/java#17 md/internal m/D");
        Signers.Signed huawei = Signers.huawei(AK, SK, null, request, url, body);
        sdkHmac = Case.of(huawei, "huaweicloud-usdk-java/3.0");
    }

    @Benchmark
    public boolean sigv4() {
        return sigv4.verify();
    }

    @Benchmark
    public boolean sigv4Bare() {
        return sigv4.bare.verify();
    }

    @Benchmark
    public boolean sdkHmac() {
        return sdkHmac.verify();
    }

    @Benchmark
    public boolean sdkHmacBare() {
        return sdkHmac.bare.verify();
    }

    /** One signed request with the verifier the server would use for it, and its bare baseline. */
    static final class Case {
        final RequestVerifier verifier;
        final SignedRequest request;
        final SecretResolver<String> resolver;
        final Bare bare;

        private Case(RequestVerifier verifier, SignedRequest request, SecretResolver<String> resolver, Bare bare) {
            this.verifier = verifier;
            this.request = request;
            this.resolver = resolver;
            this.bare = bare;
        }

        static Case of(Signers.Signed signed, String userAgent) {
            URI uri = URI.create(signed.url());
            SignedRequest.Builder builder = SignedRequest.builder().method(signed.method())
                    .rawPath(uri.getRawPath()).rawQuery(uri.getRawQuery())
                    .header("Host", uri.getHost());
            signed.headers().forEach(builder::header);
            // What the SDK's HTTP client adds unsigned.
            builder.header("User-Agent", userAgent).header("Accept", "*/*").header("Accept-Encoding", "gzip")
                    .header("Connection", "keep-alive");
            byte[] body = signed.body() == null ? new byte[0] : signed.body().getBytes(StandardCharsets.UTF_8);
            if (signed.body() != null) {
                builder.header("Content-Length", Integer.toString(body.length));
            }
            SignedRequest request = builder.body(body).build();

            Instant signedAt = signedAt(signed.headers());
            RequestVerifier verifier = new RequestVerifier(Clock.fixed(signedAt, ZoneOffset.UTC), new SigningKeyCache());
            KeyResolution<String> found = KeyResolution.found(AccessSecret.of(SK), AK);
            SecretResolver<String> resolver = (ak, context) -> found;
            if (!verifier.verify(request, resolver).valid()) {
                throw new IllegalStateException("the SDK-signed request does not verify: " + signed.headers().keySet());
            }
            // A wrong secret makes the verifier show its canonical request and string to sign.
            KeyResolution<String> wrong = KeyResolution.found(AccessSecret.of(Signers.wrongSecret(SK)), AK);
            Verdict.Rejected<String> shown = (Verdict.Rejected<String>) new RequestVerifier(
                    Clock.fixed(signedAt, ZoneOffset.UTC), new SigningKeyCache()).verify(request, (ak, c) -> wrong);
            return new Case(verifier, request, resolver,
                    Bare.of(shown.canonicalRequest(), shown.stringToSign(), signature(signed.headers()),
                            signed.body() == null ? null : body));
        }

        boolean verify() {
            return verifier.verify(request, resolver).valid();
        }

        private static Instant signedAt(Map<String, String> headers) {
            String date = headers.containsKey("X-Amz-Date") ? headers.get("X-Amz-Date") : headers.get("X-Sdk-Date");
            return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(date, Instant::from);
        }

        private static byte[] signature(Map<String, String> headers) {
            String authorization = headers.get("Authorization");
            return HexFormat.of().parseHex(authorization.substring(authorization.indexOf("Signature=") + 10));
        }
    }

    /** The minimum: body SHA-256, canonical-request SHA-256 into the string to sign, its HMAC, a compare. */
    static final class Bare {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private final byte[] body;
        private final byte[] canonicalRequest;
        private final byte[] stringToSign;
        private final int hashAt;
        private final byte[] key;
        private final byte[] signature;
        private final MessageDigest sha256;
        private final Mac mac;

        private Bare(byte[] body, byte[] canonicalRequest, byte[] stringToSign, byte[] key, byte[] signature)
                throws GeneralSecurityException {
            this.body = body;
            this.canonicalRequest = canonicalRequest;
            this.stringToSign = stringToSign;
            this.hashAt = stringToSign.length - 64;
            this.key = key;
            this.signature = signature;
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
        }

        static Bare of(String canonicalRequest, String stringToSign, byte[] signature, byte[] body) {
            try {
                byte[] key = stringToSign.startsWith("AWS4-HMAC-SHA256") ? sigv4Key(stringToSign.split("\n")[2])
                        : SK.getBytes(StandardCharsets.UTF_8);
                Bare bare = new Bare(body, canonicalRequest.getBytes(StandardCharsets.UTF_8),
                        stringToSign.getBytes(StandardCharsets.UTF_8), key, signature);
                if (!bare.verify()) {
                    throw new IllegalStateException("bare verification does not match");
                }
                return bare;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean verify() {
            try {
                if (body != null) {
                    sha256.digest(body);
                }
                byte[] hash = sha256.digest(canonicalRequest);
                for (int i = 0; i < 32; i++) {
                    stringToSign[hashAt + 2 * i] = HEX[(hash[i] >> 4) & 0xF];
                    stringToSign[hashAt + 2 * i + 1] = HEX[hash[i] & 0xF];
                }
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return MessageDigest.isEqual(mac.doFinal(stringToSign), signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] sigv4Key(String scope) throws GeneralSecurityException {
            byte[] key = ("AWS4" + SK).getBytes(StandardCharsets.UTF_8);
            for (String part : scope.split("/")) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
            }
            return key;
        }
    }

    /** Runs the benchmark with {@code -prof gc} and prints the full / bare table. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(VerificationBenchmark.class.getName());
        }
        if (cli.getProfilers().isEmpty()) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        report(results);
    }

    /** The median of the measurement iterations: a shared machine's bursts move the mean, seldom the median. */
    private static double median(RunResult result) {
        double[] scores = result.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).sorted().toArray();
        return scores.length == 0 ? Double.NaN
                : (scores[(scores.length - 1) / 2] + scores[scores.length / 2]) / 2;
    }

    private static void report(Collection<RunResult> results) {
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            String name = method.substring(method.lastIndexOf('.') + 1) + " " + result.getParams().getParam("request");
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            figures.put(name, new double[] {median(result), alloc == null ? Double.NaN : alloc.getScore()});
        }
        System.out.println();
        System.out.println("median of the iterations; B/op from -prof gc");
        System.out.println("scheme           request   full µs/op   full B/op   bare µs/op   bare B/op   full/bare");
        for (String scheme : new String[] {"sigv4", "sdkHmac"}) {
            for (String request : new String[] {"GET", "POST"}) {
                double[] full = figures.get(scheme + " " + request);
                double[] bare = figures.get(scheme + "Bare " + request);
                if (full != null && bare != null) {
                    System.out.printf("%-16s %-7s %12.3f %11.0f %12.3f %11.0f %10.2fx%n", scheme.equals("sigv4")
                            ? "AWS4-HMAC-SHA256" : "SDK-HMAC-SHA256", request, full[0], full[1], bare[0], bare[1],
                            full[0] / bare[0]);
                }
            }
        }
    }
}
