package io.shimhost.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token every action must carry: made at random when the pages start, written into the pages, and so
 * known only to who could read them (another site's page cannot: the browser keeps it from reading ours).
 */
final class ActionToken {

    /** The form field, or header, an action carries it in. */
    static final String FIELD = "token";
    static final String HEADER = "X-Shimhost-Token";

    private final String value;

    ActionToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String value() {
        return value;
    }

    /** Compared in constant time, so that the time an answer takes tells nothing of the token. */
    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
