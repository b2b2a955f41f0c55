package org.pro380.twin.http;

import java.util.Map;
import java.util.Optional;
import org.pro380.client.web.WriteToken;

/** Who may change the twin over HTTP: the rule of {@link WriteToken}, its refusal a 401. */
final class TokenCheck {

    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", WriteToken.CHALLENGE);

    private final WriteToken token;

    private TokenCheck(WriteToken token) {
        this.token = token;
    }

    static TokenCheck forBind(boolean loopback, Optional<String> token) {
        return new TokenCheck(WriteToken.forBind(loopback, token, "the control API"));
    }

    /** Whether every change is refused: a non-loopback address with no token. */
    boolean refusesAll() {
        return token.refusesAll();
    }

    /** Passes, or a 401 naming what is missing. */
    void check(Optional<String> authorization) throws ApiException {
        Optional<String> refusal = token.refusal(authorization);
        if (refusal.isPresent()) {
            throw new ApiException(401, refusal.get(), CHALLENGE);
        }
    }
}
