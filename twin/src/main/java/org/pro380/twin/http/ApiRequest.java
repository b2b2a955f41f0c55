package org.pro380.twin.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP request as the router sees it, free of Netty types.
 *
 * @param method upper-case method name, e.g. {@code PUT}
 * @param path the decoded path without the query, e.g. {@code /api/registers/lcd-cycle-time}
 * @param query the decoded query parameters, each with every value it was given, in order
 * @param contentType the Content-Type header, if sent
 * @param authorization the Authorization header, if sent
 * @param body the whole body (at most {@link ControlApi#MAX_BODY_BYTES}); empty if none
 */
record ApiRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Optional<String> contentType,
        Optional<String> authorization,
        byte[] body) {

    ApiRequest {
        query = query.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** A request without a query. */
    ApiRequest(String method, String path, Optional<String> contentType, Optional<String> authorization, byte[] body) {
        this(method, path, Map.of(), contentType, authorization, body);
    }

    /**
     * A request for {@code target} (path and query, as on the request line), or empty if it cannot
     * be decoded (a bad %-escape).
     */
    static Optional<ApiRequest> parse(
            String method, String target, Optional<String> contentType, Optional<String> authorization, byte[] body) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(target);
            return Optional.of(
                    new ApiRequest(method, decoder.path(), decoder.parameters(), contentType, authorization, body));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A request with no headers of interest and no body, for GET and for tests; {@code target} may have a query. */
    static ApiRequest of(String method, String target) {
        return parse(method, target, Optional.empty(), Optional.empty(), new byte[0])
                .orElseThrow(() -> new IllegalArgumentException("malformed request target " + target));
    }
}
