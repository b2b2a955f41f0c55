package org.pro380.twin.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;

/**
 * Everything a mirrored meter's source is given: where, how messages map to a load (MQTT only),
 * who logs in and whom it trusts (MQTT only), and what the meter does when no fresh value comes.
 *
 * @param uri the broker and topic, or the meter to poll
 * @param map how another message shape maps to a load; empty: the {@code PUT /api/load} format
 * @param username MQTT user name
 * @param password MQTT password
 * @param ca the CA certificates an {@code mqtts://} broker is trusted by instead of the system's
 * @param identity the client certificate and key shown to an {@code mqtts://} broker that asks for one
 * @param staleAfter how long without a fresh value before the source is stale
 * @param onStale what the meter does while its source is stale
 */
public record SourceSpec(
        SourceUri uri,
        Optional<SourceMap> map,
        Optional<String> username,
        Optional<String> password,
        Optional<TrustedCertificates> ca,
        Optional<ClientIdentity> identity,
        Duration staleAfter,
        StaleMode onStale) {

    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(10);
    public static final Duration MIN_STALE_AFTER = Duration.ofMillis(100);
    public static final Duration MAX_STALE_AFTER = Duration.ofDays(1);

    public SourceSpec {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(onStale, "onStale");
        if (staleAfter.compareTo(MIN_STALE_AFTER) < 0 || staleAfter.compareTo(MAX_STALE_AFTER) > 0) {
            throw new IllegalArgumentException(
                    "stale-after must be 100 ms .. 1 day, got " + staleAfter.toMillis() + " ms");
        }
        boolean mqtt = uri instanceof SourceUri.Mqtt;
        if (!mqtt && (map.isPresent() || username.isPresent() || password.isPresent())) {
            throw new IllegalArgumentException("a source map, user name and password are for MQTT sources, not " + uri);
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("a source password needs a user name");
        }
        if (ca.isPresent() && !(uri instanceof SourceUri.Mqtt m && m.tls())) {
            throw new IllegalArgumentException("a source CA is for TLS brokers (mqtts://HOST:PORT/TOPIC), not " + uri);
        }
        if (identity.isPresent() && !(uri instanceof SourceUri.Mqtt m && m.tls())) {
            throw new IllegalArgumentException(
                    "a client certificate is for TLS brokers (mqtts://HOST:PORT/TOPIC), not " + uri);
        }
    }

    /** A source in the {@code PUT /api/load} format (MQTT) or a PRO380 (Modbus), stale after 10 s, then silent. */
    public static SourceSpec of(String uri) {
        return of(uri, Path.of(""));
    }

    /** As {@link #of(String)}, a relative register map ({@code &map=FILE}) taken from {@code mapDir}. */
    public static SourceSpec of(String uri, Path mapDir) {
        return new SourceSpec(
                SourceUri.parse(uri, mapDir),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_STALE_AFTER,
                StaleMode.SILENT);
    }

    public SourceSpec withMap(SourceMap v) {
        return new SourceSpec(uri, Optional.of(v), username, password, ca, identity, staleAfter, onStale);
    }

    public SourceSpec withLogin(String user, String pass) {
        return new SourceSpec(
                uri, map, Optional.ofNullable(user), Optional.ofNullable(pass), ca, identity, staleAfter, onStale);
    }

    public SourceSpec withCa(TrustedCertificates v) {
        return new SourceSpec(uri, map, username, password, Optional.of(v), identity, staleAfter, onStale);
    }

    public SourceSpec withIdentity(ClientIdentity v) {
        return new SourceSpec(uri, map, username, password, ca, Optional.of(v), staleAfter, onStale);
    }

    public SourceSpec withStaleAfter(Duration v) {
        return new SourceSpec(uri, map, username, password, ca, identity, v, onStale);
    }

    public SourceSpec withOnStale(StaleMode v) {
        return new SourceSpec(uri, map, username, password, ca, identity, staleAfter, v);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return uri + username.map(u -> " as " + u).orElse("") + (map.isPresent() ? " through a source map" : "")
                + ca.map(c -> " trusting " + c).orElse("")
                + identity.map(c -> " showing " + c).orElse("")
                + ", stale after " + staleAfter.toMillis() + " ms: " + onStale.key();
    }

    /** How a message becomes a load. */
    public LoadReader reader() {
        return map.<LoadReader>map(m -> m).orElse(LoadReader.API_FORMAT);
    }
}
