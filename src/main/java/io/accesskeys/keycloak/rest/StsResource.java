package io.accesskeys.keycloak.rest;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.api.IsoTime;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.SignedRequestTokens;
import io.accesskeys.keycloak.lifecycle.KeyChanges;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import io.accesskeys.keycloak.verification.HttpSignedRequests;
import io.accesskeys.keycloak.verification.RawRequestBody;
import io.accesskeys.keycloak.verification.ResolvedKey;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.util.TokenUtil;

/**
 * {@code POST /realms/{realm}/access-keys/sts}: AWS STS's query protocol for stock AWS tooling (docs/DESIGN.md §5
 * "STS-compatible endpoint"). {@code AssumeRoleWithWebIdentity} exchanges an access or ID token of this realm for a
 * temporary key, on the same issuing path and rules as {@code POST /me/temporary}; {@code GetCallerIdentity} names
 * the key that signed it. Every refusal is an STS {@code ErrorResponse}. The method takes no entity parameter: the
 * body is read as the exact bytes sent ({@link RawRequestBody}), which a signature covers.
 */
public class StsResource {

    static final String VERSION = "2011-06-15";
    static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity";
    static final String GET_CALLER_IDENTITY = "GetCallerIdentity";
    /** AWS's default lifetime; the SDK for Java v2 never sends a profile's duration_seconds. */
    static final int DEFAULT_DURATION_SECONDS = 3600;

    private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int MIN_ROLE_ARN = 20;
    private static final int MAX_ROLE_ARN = 2048;
    private static final int MAX_WEB_IDENTITY_TOKEN = 20_000;

    private final KeycloakSession session;
    private final RealmModel realm;

    StsResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("")
    public Response post() {
        if (!RequestContentType.isParseable(session)) {
            RequestContentType.skipSecurityHeaders(session);
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "The Content-Type header cannot be parsed.");
        }
        StsForm form;
        try {
            form = StsForm.parse(RawRequestBody.read());
        } catch (RawRequestBody.TooLarge e) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, e.getMessage() + ".");
        } catch (StsForm.Malformed e) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, e.getMessage());
        }
        String action = form.get("Action");
        String version = form.get("Version");
        if (action == null || action.isEmpty()) {
            return StsXml.error(StsErrorCode.INVALID_ACTION, "The request names no Action.");
        }
        if (version != null && !VERSION.equals(version)) {
            return StsXml.error(StsErrorCode.INVALID_ACTION, "Only Version " + VERSION + " is implemented.");
        }
        return switch (action) {
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> assumeRoleWithWebIdentity(form);
            case GET_CALLER_IDENTITY -> getCallerIdentity();
            default -> StsXml.error(StsErrorCode.INVALID_ACTION, "This endpoint implements "
                    + ASSUME_ROLE_WITH_WEB_IDENTITY + " and " + GET_CALLER_IDENTITY + " only.");
        };
    }

    /** The query protocol's GET form is not offered: tokens and signatures do not belong in URLs here. */
    @GET
    @Path("")
    public Response get() {
        return StsXml.error(StsErrorCode.INVALID_ACTION, "Send STS actions as a POST with a form body.");
    }

    private Response assumeRoleWithWebIdentity(StsForm form) {
        String tokenText = form.get("WebIdentityToken");
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        if (tokenText == null || tokenText.isBlank()) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "WebIdentityToken is required.");
        }
        tokenText = tokenText.strip(); // token files end with a newline, which the SDKs send along
        if (tokenText.length() > MAX_WEB_IDENTITY_TOKEN) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "WebIdentityToken is longer than "
                    + MAX_WEB_IDENTITY_TOKEN + " characters.");
        }
        if (roleArn == null || roleArn.length() < MIN_ROLE_ARN || roleArn.length() > MAX_ROLE_ARN) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "RoleArn is required: arn:aws:iam::" + realm.getName()
                    + ":role/{realm role}.");
        }
        String rolePrefix = "arn:aws:iam::" + realm.getName() + ":role/";
        if (!roleArn.startsWith("arn:aws:iam::") || !roleArn.contains(":role/")) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "RoleArn must look like " + rolePrefix + "{realm role}.");
        }
        if (sessionName == null || !ROLE_SESSION_NAME.matcher(sessionName).matches()) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR,
                    "RoleSessionName is required: 2 to 64 characters of letters, digits and +=,.@_-.");
        }
        if (form.get("Policy") != null || form.hasAnyStartingWith("PolicyArns.")) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "Session policies (Policy, PolicyArns) are not supported.");
        }
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        Integer duration = duration(form.get("DurationSeconds"), settings);
        if (duration == null) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, "DurationSeconds must be a whole number of seconds from "
                    + settings.temporaryMinDurationSeconds() + " to " + settings.temporaryMaxDurationSeconds() + ".");
        }

        AuthResult auth;
        try {
            // Expiry is checked below, so that an expired token of this realm is told apart from a foreign one.
            auth = AuthenticationManager.verifyIdentityToken(session, realm, session.getContext().getUri(),
                    session.getContext().getConnection(), false, true, null, false, tokenText,
                    session.getContext().getRequestHeaders(),
                    verifier -> verifier.tokenType(List.of(TokenUtil.TOKEN_TYPE_BEARER, TokenUtil.TOKEN_TYPE_ID)));
        } catch (RuntimeException e) {
            // Keycloak catches only VerificationException: a header naming no algorithm it has ends elsewhere.
            auth = null;
        }
        if (auth != null && SignedRequestTokens.issuedByGrant(auth.token())) {
            // A key never mints another key.
            return StsXml.error(StsErrorCode.ACCESS_DENIED, "Tokens from the signed-request grant cannot get access keys.");
        }
        if (auth == null || auth.session() == null) {
            return StsXml.error(StsErrorCode.INVALID_IDENTITY_TOKEN,
                    "The web identity token is not a valid token of this realm with an active user session.");
        }
        AccessToken token = auth.token();
        if (token.isExpired()) {
            return StsXml.error(StsErrorCode.EXPIRED_TOKEN, "The web identity token has expired.");
        }
        if (!token.isActive() || token.getIat() == null || token.getIat() < realm.getNotBefore()) {
            return StsXml.error(StsErrorCode.INVALID_IDENTITY_TOKEN, "The web identity token is not valid now.");
        }
        if (auth.user().getServiceAccountClientLink() != null) {
            return StsXml.error(StsErrorCode.ACCESS_DENIED, "Service accounts have no access keys.");
        }
        String notAllowed = "Not authorized to assume " + roleArn + " with this web identity token.";
        if (!roleArn.startsWith(rolePrefix) || roleArn.length() == rolePrefix.length()) {
            return StsXml.error(StsErrorCode.ACCESS_DENIED, notAllowed);
        }
        String roleName = roleArn.substring(rolePrefix.length());
        RoleModel role = realm.getRole(roleName);
        if (role == null || !auth.user().hasRole(role)) {
            return StsXml.error(StsErrorCode.ACCESS_DENIED, notAllowed);
        }
        String identityProvider = auth.session().getNote(SelfServiceCaller.IDENTITY_PROVIDER_NOTE);
        if (!settings.permitsTemporaryKeys(identityProvider)) {
            return StsXml.error(StsErrorCode.ACCESS_DENIED, identityProvider != null
                    ? "Sessions through identity provider '" + identityProvider
                            + "' do not get temporary access keys in this realm."
                    : "Temporary access keys are for sessions that came through an identity provider.");
        }
        if (!OperationProtection.satisfiedBy(settings, token)) {
            return StsXml.error(StsErrorCode.ACCESS_DENIED, "This realm needs an authentication within the last "
                    + settings.operationProtectionMaxAgeSeconds() + " seconds for a temporary key.");
        }

        SelfServiceCaller caller = new SelfServiceCaller(auth.user(), auth.session(), token, identityProvider);
        TemporaryKeys.Issued issued = new KeyChanges(session, realm, new UserKeyEvents(session, caller))
                .issueTemporary(auth.user(), identityProvider, duration, new TemporaryKeys.AssumedRole(roleName, sessionName));
        String secret = new String(issued.secret());
        java.util.Arrays.fill(issued.secret(), '\0');
        return StsXml.response(ASSUME_ROLE_WITH_WEB_IDENTITY)
                .open("Credentials")
                .element("AccessKeyId", issued.accessKeyId())
                .element("SecretAccessKey", secret)
                .element("SessionToken", issued.securityToken())
                .element("Expiration", IsoTime.format(issued.expiration()))
                .close("Credentials")
                .element("SubjectFromWebIdentityToken", token.getSubject())
                .open("AssumedRoleUser")
                .element("Arn", assumedRoleArn(roleName, sessionName))
                .element("AssumedRoleId", role.getId() + ":" + sessionName)
                .close("AssumedRoleUser")
                .element("Provider", token.getIssuer())
                .element("Audience", token.getIssuedFor())
                .ok(ASSUME_ROLE_WITH_WEB_IDENTITY);
    }

    private Response getCallerIdentity() {
        SignedRequest request;
        try {
            request = HttpSignedRequests.current(session);
        } catch (HttpSignedRequests.Unreadable e) {
            return StsXml.error(StsErrorCode.VALIDATION_ERROR, e.getMessage());
        }
        var outcome = session.getProvider(SignedRequestVerifier.class).verify(realm, request);
        if (outcome instanceof SignedRequestVerifier.Refused refused) {
            return StsXml.error(refused.rejection().httpStatus(), refused.rejection().code(),
                    refused.rejection().description());
        }
        VerifiedKey key = ((SignedRequestVerifier.Accepted) outcome).key();
        TemporaryKeys.AssumedRole assumed = key.key().assumedRole();
        String arn = key.keyType() == ResolvedKey.KeyType.TEMPORARY && assumed != null
                ? assumedRoleArn(assumed.role(), assumed.sessionName())
                : "arn:aws:iam::" + realm.getName() + ":user/" + key.user().getUsername();
        return StsXml.response(GET_CALLER_IDENTITY)
                .element("Arn", arn)
                .element("UserId", key.user().getId())
                .element("Account", realm.getName())
                .ok(GET_CALLER_IDENTITY);
    }

    /** The requested lifetime, AWS's default of 3600 s brought into the realm's range, or null when out of range. */
    static Integer duration(String requested, AccessKeySettings settings) {
        int min = settings.temporaryMinDurationSeconds();
        int max = settings.temporaryMaxDurationSeconds();
        if (requested == null) {
            return Math.max(min, Math.min(max, DEFAULT_DURATION_SECONDS));
        }
        if (!requested.matches("[0-9]{1,9}")) {
            return null;
        }
        int seconds = Integer.parseInt(requested);
        return seconds < min || seconds > max ? null : seconds;
    }

    private String assumedRoleArn(String role, String sessionName) {
        return "arn:aws:sts::" + realm.getName() + ":assumed-role/" + role + "/" + sessionName;
    }

}
