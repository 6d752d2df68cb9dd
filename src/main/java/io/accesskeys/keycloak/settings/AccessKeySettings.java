package io.accesskeys.keycloak.settings;

import java.util.List;

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
 */
public record AccessKeySettings(
        boolean operationProtection,
        int operationProtectionMaxAgeSeconds,
        int temporaryMinDurationSeconds,
        int temporaryMaxDurationSeconds,
        int temporaryDefaultDurationSeconds,
        List<String> temporaryIdentityProviders,
        boolean allowTemporaryForLocalUsers,
        boolean allowPermanentForFederatedUsers) {

    /** Temporary keys live at least 15 minutes and at most 24 hours, whatever a realm says. */
    public static final int TEMPORARY_FLOOR_SECONDS = 900;
    public static final int TEMPORARY_CEILING_SECONDS = 86_400;
    public static final int MAX_AGE_FLOOR_SECONDS = 0;
    public static final int MAX_AGE_CEILING_SECONDS = 86_400;

    public static AccessKeySettings defaults() {
        return new AccessKeySettings(false, 300, 900, 86_400, 900, List.of(), false, false);
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

    private static void checkDuration(List<String> problems, String name, int seconds) {
        if (seconds < TEMPORARY_FLOOR_SECONDS || seconds > TEMPORARY_CEILING_SECONDS) {
            problems.add(name + " must be between " + TEMPORARY_FLOOR_SECONDS + " and " + TEMPORARY_CEILING_SECONDS);
        }
    }
}
