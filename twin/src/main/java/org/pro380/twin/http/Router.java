package org.pro380.twin.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pro380.profile.JsonFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the endpoint of a request and applies the rules every call shares, in this order:
 * unknown path 404, wrong method 405 (with Allow), a change without the right token 401, a
 * change whose body is not JSON 415. Never throws: a refusal becomes {@code {"error": "..."}}
 * and an unexpected fault a 500 without details (they go to the log).
 */
final class Router {

    /** One call's work, given the request and the path's captured segments. */
    @FunctionalInterface
    interface Endpoint {
        ApiResponse handle(ApiRequest request, Map<String, String> path) throws ApiException;
    }

    /** A route: its method, path and what it does in one line (for the OpenAPI description). */
    record Route(String method, PathTemplate path, String summary, Endpoint endpoint) {}

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes = new ArrayList<>();
    private final TokenCheck tokens;

    Router(TokenCheck tokens) {
        this.tokens = tokens;
    }

    Router get(String path, String summary, Endpoint endpoint) {
        return add("GET", path, summary, endpoint);
    }

    Router put(String path, String summary, Endpoint endpoint) {
        return add("PUT", path, summary, endpoint);
    }

    Router delete(String path, String summary, Endpoint endpoint) {
        return add("DELETE", path, summary, endpoint);
    }

    Router post(String path, String summary, Endpoint endpoint) {
        return add("POST", path, summary, endpoint);
    }

    private Router add(String method, String path, String summary, Endpoint endpoint) {
        routes.add(new Route(method, PathTemplate.of(path), summary, endpoint));
        return this;
    }

    /** The route table, in the order the routes were added. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    ApiResponse dispatch(ApiRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (JsonFieldException e) {
            return ApiResponse.error(400, e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return ApiResponse.error(500, "internal error; the twin's log has the details", Map.of());
        }
    }

    private ApiResponse route(ApiRequest request) throws ApiException {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> match = route.path().match(request.path());
            if (match.isEmpty()) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                allowed.add(route.method());
                continue;
            }
            if (changes(request.method())) {
                tokens.check(request.authorization());
                checkJson(request.contentType());
            }
            return route.endpoint().handle(request, match.get());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, "no such resource: " + request.path() + " (try GET /api/state)");
        }
        throw new ApiException(
                405,
                request.method() + " is not allowed on " + request.path() + "; use " + String.join(" or ", allowed),
                Map.of("Allow", String.join(", ", allowed)));
    }

    private static boolean changes(String method) {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** A missing Content-Type is taken as JSON; anything else must be application/json or a +json type. */
    private static void checkJson(Optional<String> contentType) throws ApiException {
        if (contentType.isEmpty()) {
            return;
        }
        String media = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
            throw new ApiException(415, "the body must be application/json, got " + contentType.get());
        }
    }
}
