package org.pro380.twin.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may change the twin over HTTP. Reading is always open. On a loopback address changes need
 * no token unless one was given; on any other address they need {@code Authorization: Bearer
 * TOKEN}, and with no token configured they are refused altogether.
 */
final class TokenCheck {

    private static final String BEARER = "bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"pro380\"");

    private final Optional<byte[]> token;
    private final boolean refuseAll;

    private TokenCheck(Optional<byte[]> token, boolean refuseAll) {
        this.token = token;
        this.refuseAll = refuseAll;
    }

    static TokenCheck forBind(boolean loopback, Optional<String> token) {
        Optional<String> given = token.filter(t -> !t.isEmpty());
        return new TokenCheck(given.map(t -> t.getBytes(StandardCharsets.UTF_8)), !loopback && given.isEmpty());
    }

    /** Whether every change is refused: a non-loopback address with no token. */
    boolean refusesAll() {
        return refuseAll;
    }

    /** Passes, or a 401 naming what is missing. */
    void check(Optional<String> authorization) throws ApiException {
        if (refuseAll) {
            throw new ApiException(
                    401,
                    "changes are disabled: the control API listens on a non-loopback"
                            + " address and was started without a token",
                    CHALLENGE);
        }
        if (token.isEmpty()) {
            return;
        }
        String header = authorization.orElse("").trim();
        if (header.isEmpty()) {
            throw new ApiException(401, "this call needs the header Authorization: Bearer <token>", CHALLENGE);
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new ApiException(401, "the Authorization header must be \"Bearer <token>\"", CHALLENGE);
        }
        byte[] sent = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, token.get())) {
            throw new ApiException(401, "wrong token", CHALLENGE);
        }
    }
}
