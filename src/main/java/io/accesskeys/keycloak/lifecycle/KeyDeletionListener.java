package io.accesskeys.keycloak.lifecycle;

import jakarta.persistence.EntityManagerFactory;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.usage.UsageStore;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The after-effects of deleting a permanent key, whichever path deleted it: Keycloak's admin and account consoles
 * remove credentials without calling any credential provider, so the extension watches the credential rows
 * themselves (a Hibernate post-delete listener). In the same transaction as the deletion, the key's last-use row
 * goes; this node forgets what it cached about the key (other nodes never trust their caches alone).
 */
final class KeyDeletionListener implements PostDeleteEventListener {

    private static final Logger LOG = Logger.getLogger(KeyDeletionListener.class);

    private final KeycloakSessionFactory sessionFactory;

    private KeyDeletionListener(KeycloakSessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    static void install(KeycloakSessionFactory sessionFactory) {
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
            EntityManagerFactory emf = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .getEntityManagerFactory();
            emf.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry()
                    .appendListeners(EventType.POST_DELETE, new KeyDeletionListener(sessionFactory));
        });
        LOG.debug("Access key deletions are watched");
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        if (!(event.getEntity() instanceof CredentialEntity credential) || !AccessKeyStore.TYPE.equals(credential.getType())) {
            return;
        }
        String accessKeyId = credential.getId();
        event.getSession().getTransactionCompletionCallbacks().registerCallback(
                (TransactionCompletionCallbacks.BeforeCompletionCallback) hibernate -> {
                    hibernate.createMutationQuery(UsageStore.DELETE_BY_ACCESS_KEY_ID)
                            .setParameter("ak", accessKeyId).executeUpdate();
                    forget(accessKeyId);
                });
    }

    private void forget(String accessKeyId) {
        try (KeycloakSession session = sessionFactory.create()) {
            session.getProvider(SignedRequestVerifier.class).forget(accessKeyId);
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
