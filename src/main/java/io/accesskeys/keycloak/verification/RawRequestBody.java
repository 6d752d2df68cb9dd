package io.accesskeys.keycloak.verification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * The exact bytes of the current request's body. A signature covers those bytes, and Keycloak's parsed form (an
 * unordered map) cannot give them back. Keycloak 26.7.3 parses form bodies with RESTEasy Reactive's
 * {@code FormBodyHandler} created with {@code alsoSetInputStream=true}: it captures every byte it parses and puts
 * them back as the request's input stream. So the request context's input stream holds the raw body, for forms
 * (the token endpoint included); for any other body the context opens the request's own stream, which nothing has
 * read as long as the resource method takes no entity parameter.
 */
public final class RawRequestBody {

    /** Bodies beyond this are not read (a signed request to Keycloak carries a small body). */
    static final int MAX_BYTES = 1 << 20;

    private RawRequestBody() {
    }

    /** The body, or {@link TooLarge} past {@link #MAX_BYTES}; empty when there is none. */
    public static byte[] read() throws TooLarge {
        ResteasyReactiveRequestContext context = CurrentRequestManager.get();
        if (context == null) {
            return new byte[0];
        }
        byte[] body;
        try {
            InputStream in = context.getInputStream();
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return new byte[0];
        }
        // Put the bytes back for whoever reads the body after us.
        context.setInputStream(new ByteArrayInputStream(body));
        if (body.length > MAX_BYTES) {
            throw new TooLarge();
        }
        return body;
    }

    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("The request body is larger than " + MAX_BYTES + " bytes", null, false, false);
        }
    }
}
