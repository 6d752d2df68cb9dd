package io.accesskeys.keycloak.signing.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import com.sun.management.ThreadMXBean;
import io.accesskeys.keycloak.it.support.Signers;

/**
 * The JMH benchmark's four cases (the same {@link VerificationBenchmark.Case} objects: the same requests, the same
 * bare baseline) timed in thread CPU time, the best of 40 rounds of 100 000 calls, with the bytes allocated per call.
 * On a machine that other work shares, JMH's wall-clock figures swing; CPU time of the best round still compares
 * full and bare fairly. Not a test: {@code mvn -Pjmh -Dskip.themes test-compile exec:exec -Dbench.main=}this class.
 */
public final class CpuProbe {

    private static final int CALLS = 100_000;
    private static final int ROUNDS = 40;

    private CpuProbe() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String method : new String[] {"GET", "POST"}) {
            boolean get = method.equals("GET");
            String url = get ? VerificationBenchmark.GET_URL : VerificationBenchmark.POST_URL;
            String body = get ? null : VerificationBenchmark.JSON;
            VerificationBenchmark.Case sigv4 = VerificationBenchmark.Case.of(
                    Signers.Aws.of(VerificationBenchmark.AK, VerificationBenchmark.SK).at(VerificationBenchmark.SIGNED_AT)
                            .sign(method, url, get ? null : "application/json", body),
                    "aws-sdk-java/2.56.0 ua/2.1 os/Linux lang/java#17 md/internal m/D");
            VerificationBenchmark.Case sdkHmac = VerificationBenchmark.Case.of(
                    Signers.huawei(VerificationBenchmark.AK, VerificationBenchmark.SK, null, method, url, body),
                    "huaweicloud-usdk-java/3.0");
            BooleanSupplier[] cases = {sigv4::verify, sigv4.bare::verify, sdkHmac::verify, sdkHmac.bare::verify};
            long[] bestNanos = new long[cases.length];
            long[] bytesPerCall = new long[cases.length];
            Arrays.fill(bestNanos, Long.MAX_VALUE);
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < cases.length; i++) {
                    long allocated = threads.getCurrentThreadAllocatedBytes();
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int call = 0; call < CALLS; call++) {
                        if (!cases[i].getAsBoolean()) {
                            throw new IllegalStateException("a case did not verify");
                        }
                    }
                    bestNanos[i] = Math.min(bestNanos[i], threads.getCurrentThreadCpuTime() - cpu);
                    bytesPerCall[i] = (threads.getCurrentThreadAllocatedBytes() - allocated) / CALLS;
                }
            }
            print("SigV4", method, bestNanos, bytesPerCall, 0);
            print("SDK-HMAC-SHA256", method, bestNanos, bytesPerCall, 2);
        }
    }

    private static void print(String scheme, String method, long[] nanos, long[] bytes, int full) {
        System.out.printf("%-15s %-4s full %6.3f µs %5d B   bare %6.3f µs %4d B   full/bare %.2f%n", scheme, method,
                nanos[full] / 1e3 / CALLS, bytes[full], nanos[full + 1] / 1e3 / CALLS, bytes[full + 1],
                (double) nanos[full] / nanos[full + 1]);
    }
}
