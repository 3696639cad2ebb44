package io.shimhost.api;

/**
 * A start named a token (a shim id) that a shim in the table has already: tokens identify shims.
 */
public class TokenInUseException extends InvalidParameterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param token the token asked for
     */
    public TokenInUseException(String token) {
        super("token", token, "A shim with token \"" + token + "\" was started already: tokens identify shims, "
                + "use another one");
    }
}
