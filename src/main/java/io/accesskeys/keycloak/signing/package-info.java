/**
 * Request-signature verification for access keys: {@code AWS4-HMAC-SHA256} (AWS Signature Version 4, header
 * and presigned-URL forms, non-S3 rules) and {@code SDK-HMAC-SHA256} (Huawei Cloud). JDK only; no Keycloak
 * type appears here.
 *
 * <p>Use from the Keycloak layer (one verifier and one cache per application, a resolver per request):
 * <pre>{@code
 * static final SigningKeyCache CACHE = new SigningKeyCache();
 * static final RequestVerifier VERIFIER = new RequestVerifier(Clock.systemUTC(), CACHE);
 *
 * SignedRequest request = SignedRequest.builder()
 *         .method(httpRequest.getHttpMethod())
 *         .rawPath(uriInfo.getRequestUri().getRawPath())
 *         .rawQuery(uriInfo.getRequestUri().getRawQuery())
 *         .headers(RequestHeaders.of(httpHeaders.getRequestHeaders()))
 *         .body(bodyBytes)                      // or .bodySha256Hex(...) for /verify
 *         .build();
 *
 * Verdict verdict = VERIFIER.verify(request, (accessKeyId, ctx) -> {
 *     CredentialModel key = findByAk(realm, accessKeyId);        // primary-key lookup
 *     if (key == null) return KeyResolution.unknownKey();
 *     if (disabled(key)) return KeyResolution.inactiveKey();
 *     // temporary keys: check ctx.securityToken(), answer INVALID_TOKEN / EXPIRED_TOKEN / ACCESS_DENIED
 *     return KeyResolution.found(AccessSecret.of(decryptSk(key)), key);
 * });
 *
 * if (verdict instanceof Verdict.Verified ok) {
 *     // ok.context(): accessKeyId, scheme, region, service, signedAt, expiresAt, securityToken; ok.attachment()
 * } else if (verdict instanceof Verdict.Rejected no) {
 *     // no.httpStatus(), no.code(), no.description(); canonicalRequest()/stringToSign() on SignatureDoesNotMatch
 * }
 * // when a key is disabled or deleted: CACHE.invalidate(accessKeyId);
 * }</pre>
 */
package io.accesskeys.keycloak.signing;
