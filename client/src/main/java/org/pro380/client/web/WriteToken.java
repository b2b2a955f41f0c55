package org.pro380.client.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may change something over HTTP (the twin's control API, {@code pro380 ui}). Reading is
 * always open. On a loopback address changes need no token unless one was given; on any other
 * address they need {@code Authorization: Bearer TOKEN}, and with no token configured they are
 * refused altogether.
 */
public final class WriteToken {
    /** The header a 401 carries, so that a client knows to send a bearer token. */
    public static final String CHALLENGE = "Bearer realm=\"pro380\"";

    private static final String BEARER = "bearer ";

    private final Optional<byte[]> token;
    private final boolean refuseAll;
    private final String server;

    private WriteToken(Optional<byte[]> token, boolean refuseAll, String server) {
        this.token = token;
        this.refuseAll = refuseAll;
        this.server = server;
    }

    /** {@code server} names what refuses ("the control API") in the one-line refusal. */
    public static WriteToken forBind(boolean loopback, Optional<String> token, String server) {
        Optional<String> given = token.filter(t -> !t.isEmpty());
        return new WriteToken(given.map(t -> t.getBytes(StandardCharsets.UTF_8)), !loopback && given.isEmpty(), server);
    }

    /** Whether every change is refused: a non-loopback address with no token. */
    public boolean refusesAll() {
        return refuseAll;
    }

    /** Empty if a request with this Authorization header may change things, else why not (for a 401). */
    public Optional<String> refusal(Optional<String> authorization) {
        if (refuseAll) {
            return Optional.of("changes are disabled: " + server + " listens on a non-loopback"
                    + " address and was started without a token");
        }
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String header = authorization.orElse("").trim();
        if (header.isEmpty()) {
            return Optional.of("this call needs the header Authorization: Bearer <token>");
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.of("the Authorization header must be \"Bearer <token>\"");
        }
        byte[] sent = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token.get()) ? Optional.empty() : Optional.of("wrong token");
    }
}
