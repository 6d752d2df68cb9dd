package io.accesskeys.keycloak.signing.bench;

import java.lang.management.ManagementFactory;
import io.accesskeys.keycloak.it.support.Signers;

/**
 * The benchmark's four cases (the same {@link VerificationBenchmark.Case} objects) timed in thread CPU time, the best
 * of 40 rounds of 100,000 calls: on a shared machine whose other load makes JMH's wall-clock figures swing, this
 * still compares full and bare fairly. Not a test; run its main with the test class path.
 */
public class CpuProbe {
    public static void main(String[] a) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String S = VerificationBenchmark.SK, K = VerificationBenchmark.AK;
        for (String req : new String[] {"GET", "POST"}) {
            String url = req.equals("GET") ? VerificationBenchmark.GET_URL : VerificationBenchmark.POST_URL;
            String body = req.equals("GET") ? null : VerificationBenchmark.JSON;
            var aws = VerificationBenchmark.Case.of(Signers.Aws.of(K, S).at(VerificationBenchmark.SIGNED_AT).sign(req, url, body == null ? null : "application/json", body), "aws-sdk-java/2.56.0 ua/2.1 os/Linux lang/java#17 md/internal m/D");
            var sdk = VerificationBenchmark.Case.of(Signers.huawei(K, S, null, req, url, body), "huaweicloud-usdk-java/3.0");
            java.util.function.BooleanSupplier[] p = {aws::verify, aws.bare::verify, sdk::verify, sdk.bare::verify};
            long[] best = new long[4]; long[] bytes = new long[4];
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            int n = 100_000;
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 4; i++) {
                    long a0 = mx.getCurrentThreadAllocatedBytes(); long t0 = mx.getCurrentThreadCpuTime();
                    for (int k = 0; k < n; k++) if (!p[i].getAsBoolean()) throw new IllegalStateException();
                    long t1 = mx.getCurrentThreadCpuTime(); long a1 = mx.getCurrentThreadAllocatedBytes();
                    best[i] = Math.min(best[i], t1 - t0); bytes[i] = (a1 - a0) / n;
                }
            }
            System.out.printf("SigV4 %-4s full %6.3f µs %5d B  bare %6.3f µs %4d B  ratio %.2fx%n", req, best[0] / 1e3 / n, bytes[0], best[1] / 1e3 / n, bytes[1], (double) best[0] / best[1]);
            System.out.printf("SDK   %-4s full %6.3f µs %5d B  bare %6.3f µs %4d B  ratio %.2fx%n", req, best[2] / 1e3 / n, bytes[2], best[3] / 1e3 / n, bytes[3], (double) best[2] / best[3]);
        }
    }
}
