package org.pro380.bridge.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.client.web.OpenApiDocument.Operation;

/** What one part of the bridge serves over HTTP: the answer to a request for one of its paths, else empty. */
@FunctionalInterface
public interface Page {

    /**
     * A request: its method ({@code GET}), path and query parameters, its Authorization header
     * and its body (UTF-8, empty for none).
     */
    record Request(
            String method, String path, Map<String, List<String>> query, Optional<String> authorization, String body) {
        public Request(String method, String path, Map<String, List<String>> query) {
            this(method, path, query, Optional.empty(), "");
        }

        /** GET, and HEAD (GET without the body). */
        public boolean reads() {
            return method.equals("GET") || method.equals("HEAD");
        }
    }

    Optional<Reply> answer(Request request);

    /** Its routes, for the server's OpenAPI description. */
    default List<Operation> operations() {
        return List.of();
    }
}
