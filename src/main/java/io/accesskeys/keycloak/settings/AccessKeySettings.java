package io.accesskeys.keycloak.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A realm's access-key settings. Plain values; {@link RealmSettingsStore} reads and writes them.
 *
 * @param operationProtection             whether key changes need a recent authentication
 * @param operationProtectionMaxAgeSeconds how recent that authentication must be
 * @param temporaryMinDurationSeconds     shortest temporary key lifetime a user may ask for
 * @param temporaryMaxDurationSeconds     longest temporary key lifetime a user may ask for
 * @param temporaryDefaultDurationSeconds lifetime when the user asks for none
 * @param temporaryIdentityProviders      aliases of the identity providers whose sessions get temporary keys; empty means all
 * @param allowTemporaryForLocalUsers     local (non-brokered) sessions may get temporary keys too
 * @param allowPermanentForFederatedUsers brokered sessions may create permanent keys too
 * @param maxKeyAgeDays                   permanent keys older than this stop signing; null for no limit
 * @param retireUnusedKeysAfterDays       keys unused this long are disabled by the hygiene task; null for never
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccessKeySettings(
        boolean operationProtection,
        int operationProtectionMaxAgeSeconds,
        int temporaryMinDurationSeconds,
        int temporaryMaxDurationSeconds,
        int temporaryDefaultDurationSeconds,
        List<String> temporaryIdentityProviders,
        boolean allowTemporaryForLocalUsers,
        boolean allowPermanentForFederatedUsers,
        Integer maxKeyAgeDays,
        Integer retireUnusedKeysAfterDays) {

    /** Temporary keys live at least 15 minutes and at most 24 hours, whatever a realm says. */
    public static final int TEMPORARY_FLOOR_SECONDS = 900;
    public static final int TEMPORARY_CEILING_SECONDS = 86_400;
    public static final int MAX_AGE_FLOOR_SECONDS = 0;
    public static final int MAX_AGE_CEILING_SECONDS = 86_400;
    /** Key-age and retirement settings are whole days within this range. */
    public static final int DAYS_FLOOR = 1;
    public static final int DAYS_CEILING = 3650;
    /** A key is due for rotation this long before it expires. */
    public static final Duration ROTATION_WINDOW = Duration.ofDays(14);

    public static AccessKeySettings defaults() {
        return new AccessKeySettings(false, 300, 900, 86_400, 900, List.of(), false, false, null, null);
    }

    /** When a permanent key created at {@code createdAt} stops signing; null when the realm sets no maximum age. */
    public Instant keyExpiresAt(Instant createdAt) {
        return maxKeyAgeDays == null ? null : createdAt.plus(Duration.ofDays(maxKeyAgeDays));
    }

    /** Whether such a key has reached its maximum age at {@code now}. */
    public boolean keyExpired(Instant createdAt, Instant now) {
        Instant expiresAt = keyExpiresAt(createdAt);
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether such a key is due for rotation at {@code now}: from 14 days before it expires on (and once expired). */
    public boolean rotationDue(Instant createdAt, Instant now) {
        Instant expiresAt = keyExpiresAt(createdAt);
        return expiresAt != null && !now.isBefore(expiresAt.minus(ROTATION_WINDOW));
    }

    /** Settings without a key-age limit or retirement. */
    public AccessKeySettings(boolean operationProtection, int operationProtectionMaxAgeSeconds,
                             int temporaryMinDurationSeconds, int temporaryMaxDurationSeconds,
                             int temporaryDefaultDurationSeconds, List<String> temporaryIdentityProviders,
                             boolean allowTemporaryForLocalUsers, boolean allowPermanentForFederatedUsers) {
        this(operationProtection, operationProtectionMaxAgeSeconds, temporaryMinDurationSeconds,
                temporaryMaxDurationSeconds, temporaryDefaultDurationSeconds, temporaryIdentityProviders,
                allowTemporaryForLocalUsers, allowPermanentForFederatedUsers, null, null);
    }

    public AccessKeySettings {
        temporaryIdentityProviders = temporaryIdentityProviders == null ? List.of() : List.copyOf(temporaryIdentityProviders);
    }

    /** Whether a session (brokered through {@code identityProvider}, or local when null) may create permanent keys. */
    public boolean permitsPermanentKeys(String identityProvider) {
        return identityProvider == null || allowPermanentForFederatedUsers;
    }

    /** Whether a session (brokered through {@code identityProvider}, or local when null) may get temporary keys. */
    public boolean permitsTemporaryKeys(String identityProvider) {
        return identityProvider == null ? allowTemporaryForLocalUsers : identityProviderQualifies(identityProvider);
    }

    /** Whether a session brokered through {@code identityProvider} qualifies for temporary keys. */
    public boolean identityProviderQualifies(String identityProvider) {
        return identityProvider != null
                && (temporaryIdentityProviders.isEmpty() || temporaryIdentityProviders.contains(identityProvider));
    }

    /** The reasons these settings cannot be saved; empty when they are consistent. */
    public List<String> problems() {
        var problems = new java.util.ArrayList<String>();
        if (operationProtectionMaxAgeSeconds < MAX_AGE_FLOOR_SECONDS || operationProtectionMaxAgeSeconds > MAX_AGE_CEILING_SECONDS) {
            problems.add("operationProtectionMaxAgeSeconds must be between " + MAX_AGE_FLOOR_SECONDS + " and " + MAX_AGE_CEILING_SECONDS);
        }
        checkDays(problems, "maxKeyAgeDays", maxKeyAgeDays);
        checkDays(problems, "retireUnusedKeysAfterDays", retireUnusedKeysAfterDays);
        checkDuration(problems, "temporaryMinDurationSeconds", temporaryMinDurationSeconds);
        checkDuration(problems, "temporaryMaxDurationSeconds", temporaryMaxDurationSeconds);
        checkDuration(problems, "temporaryDefaultDurationSeconds", temporaryDefaultDurationSeconds);
        if (temporaryMinDurationSeconds > temporaryMaxDurationSeconds) {
            problems.add("temporaryMinDurationSeconds must not exceed temporaryMaxDurationSeconds");
        } else if (temporaryDefaultDurationSeconds < temporaryMinDurationSeconds
                || temporaryDefaultDurationSeconds > temporaryMaxDurationSeconds) {
            problems.add("temporaryDefaultDurationSeconds must lie between the minimum and the maximum");
        }
        return problems;
    }

    private static void checkDays(List<String> problems, String name, Integer days) {
        if (days != null && (days < DAYS_FLOOR || days > DAYS_CEILING)) {
            problems.add(name + " must be null (off) or between " + DAYS_FLOOR + " and " + DAYS_CEILING);
        }
    }

    private static void checkDuration(List<String> problems, String name, int seconds) {
        if (seconds < TEMPORARY_FLOOR_SECONDS || seconds > TEMPORARY_CEILING_SECONDS) {
            problems.add(name + " must be between " + TEMPORARY_FLOOR_SECONDS + " and " + TEMPORARY_CEILING_SECONDS);
        }
    }
}
