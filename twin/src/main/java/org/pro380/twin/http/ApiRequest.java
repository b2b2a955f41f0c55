package org.pro380.twin.http;

import java.util.Optional;

/**
 * One HTTP request as the router sees it, free of Netty types.
 *
 * @param method upper-case method name, e.g. {@code PUT}
 * @param path the decoded path without the query, e.g. {@code /api/registers/lcd-cycle-time}
 * @param contentType the Content-Type header, if sent
 * @param authorization the Authorization header, if sent
 * @param body the whole body (at most {@link ControlApi#MAX_BODY_BYTES}); empty if none
 */
record ApiRequest(String method, String path, Optional<String> contentType, Optional<String> authorization,
        byte[] body) {

    /** A request with no headers of interest and no body, for GET and for tests. */
    static ApiRequest of(String method, String path) {
        return new ApiRequest(method, path, Optional.empty(), Optional.empty(), new byte[0]);
    }
}
