package io.accesskeys.keycloak.signing;

import static io.accesskeys.keycloak.signing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.stream.Stream;

import io.accesskeys.keycloak.contract.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Authorization header that is not printable ASCII is refused as such wherever the character is, and before any
 * other defect of the request is named: the verifier checks this only when the header does not parse, so these pin
 * that a header with such a character never parses, and that the refusal names it first.
 */
class AuthorizationCharactersTest {

    private static final String PRINTABLE = "The Authorization header must be printable ASCII.";

    static Stream<String> notPrintable() {
        String authz = Fixtures.aws4Authorization();
        return Stream.of(
                authz.replace(", SignedHeaders=", ",\tSignedHeaders="),
                authz.replace(", SignedHeaders=", ",\u2003SignedHeaders="),
                authz.replace(", SignedHeaders=", ", \u000BSignedHeaders="),
                authz.replace("Credential=", "Credential =\u001F"),
                authz.replace("us-east-1", "us-east\u00AD1"),
                authz.replace("/iam/", "/i\u0000m/"),
                authz.replace("aws4_request", "aws4_r\u00E9quest"),
                authz.replace("host;", "h\u00F6st;"),
                authz.replace("Signature=", "Signature=\u007F"),
                authz.replace("AKIDEXAMPLE", "AKID\u0130XAMPLE"));
    }

    @ParameterizedTest
    @MethodSource("notPrintable")
    void isRefusedAsNotPrintable(String authorization) {
        assertRefusedAsNotPrintable(Fixtures.aws4WithAuthorization(authorization));
    }

    @ParameterizedTest
    @MethodSource("notPrintable")
    void isRefusedAsNotPrintableBeforeOtherDefects(String authorization) {
        SignedRequest request = Fixtures.aws4WithAuthorization(authorization);
        assertRefusedAsNotPrintable(request.toBuilder().removeHeader("X-Amz-Date").build());
        assertRefusedAsNotPrintable(request.toBuilder().rawQuery("X-Amz-Signature=" + "0".repeat(64)).build());
        assertRefusedAsNotPrintable(request.toBuilder().method("G\u00C9T").build());
    }

    @Test
    void sdkHmacHeaderIsRefusedAsNotPrintable() {
        String authz = Fixtures.sdkAuthorization();
        assertRefusedAsNotPrintable(Fixtures.sdk().toBuilder()
                .setHeader("Authorization", authz.replace("Access=", "Access=\t")).build());
        assertRefusedAsNotPrintable(Fixtures.sdk().toBuilder()
                .setHeader("Authorization", authz.replace(", ", ",\u00A0")).build());
    }

    @Test
    void spacesAroundComponentsStillVerify() {
        String spaced = Fixtures.aws4Authorization().replace(", ", "  ,   ");
        Verdict<?> verdict = Fixtures.verifierAt(NOW).verify(Fixtures.aws4WithAuthorization(spaced), Fixtures.keys());
        assertInstanceOf(Verdict.Verified.class, verdict, verdict::toString);
    }

    private static void assertRefusedAsNotPrintable(SignedRequest request) {
        Verdict<?> verdict = Fixtures.verifierAt(NOW).verify(request, Fixtures.keys());
        Verdict.Rejected<?> rejected = assertInstanceOf(Verdict.Rejected.class, verdict);
        assertEquals(ErrorCode.INCOMPLETE_SIGNATURE, rejected.error());
        assertEquals(PRINTABLE, rejected.description());
    }
}
