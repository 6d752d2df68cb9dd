package io.accesskeys.keycloak.signing;

/**
 * One thread's buffers for the canonical request and the string to sign, lent to one verification at a time:
 * two fresh arrays per request cost more than the rest of building the texts. A verification that starts while the
 * thread's buffers are lent (a resolver that verifies another request) gets new ones. The texts hold no secret key
 * (a signed security token stays until overwritten, as it would stay in garbage until collected).
 */
final class VerificationBuffers {

    /** A buffer grown past this (a huge request) is not kept, so that no thread holds much memory. */
    private static final int MAX_KEPT = 16 * 1024;
    private static final ThreadLocal<VerificationBuffers> OF_THREAD = ThreadLocal.withInitial(VerificationBuffers::new);

    final Utf8Buffer canonicalRequest = new Utf8Buffer(512);
    final Utf8Buffer stringToSign = new Utf8Buffer(192);
    private boolean lent;

    private VerificationBuffers() {
    }

    /** The thread's buffers, emptied, or new ones if they are lent already; {@link #giveBack()} when done. */
    static VerificationBuffers borrow() {
        VerificationBuffers buffers = OF_THREAD.get();
        if (buffers.lent) {
            return new VerificationBuffers();
        }
        buffers.lent = true;
        buffers.canonicalRequest.setLength(0);
        buffers.stringToSign.setLength(0);
        return buffers;
    }

    /** Ends the loan; the texts must not be used afterwards. */
    void giveBack() {
        if (canonicalRequest.capacity() > MAX_KEPT || stringToSign.capacity() > MAX_KEPT) {
            OF_THREAD.remove();
        } else {
            lent = false;
        }
    }
}
