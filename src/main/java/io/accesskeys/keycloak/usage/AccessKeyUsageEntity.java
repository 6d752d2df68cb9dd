package io.accesskeys.keycloak.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last verified use of a permanent key. Kept apart from Keycloak's credential row on purpose: a credential
 * write would invalidate the user's cache on every node at every use. No foreign keys to Keycloak's tables; rows
 * are removed with their user or realm.
 */
@Entity
@Table(name = "ACCESS_KEY_USAGE")
public class AccessKeyUsageEntity {

    @Id
    @Column(name = "ACCESS_KEY_ID", length = 36)
    private String accessKeyId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "LAST_USED_AT", nullable = false)
    private long lastUsedAt;

    @Column(name = "CLIENT_IP", length = 64)
    private String clientIp;

    @Column(name = "SCHEME", length = 32)
    private String scheme;

    @Column(name = "REGION", length = 64)
    private String region;

    @Column(name = "SERVICE", length = 64)
    private String service;

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public String getClientIp() {
        return clientIp;
    }

    public void setClientIp(String clientIp) {
        this.clientIp = clientIp;
    }

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }
}
