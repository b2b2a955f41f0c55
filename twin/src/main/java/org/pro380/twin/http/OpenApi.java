package org.pro380.twin.http;

import org.pro380.client.web.OpenApiDocument;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of every route, written from the
 * router's own table ({@link OpenApiDocument}). A trailing {@code **} (the panel's files) is
 * described as one {@code {file}} parameter.
 */
final class OpenApi {

    static final String PATH = "/api/openapi.json";

    private OpenApi() {}

    static ApiResponse of(Router router) {
        return ApiResponse.json(
                200,
                OpenApiDocument.of(
                        "pro380 twin control API",
                        "The twin's control API over HTTP and JSON (docs/twin.md). Reads need nothing; changes (PUT, POST, DELETE)"
                                + " need Authorization: Bearer TOKEN when the twin has a token, and always on an address other"
                                + " than loopback.",
                        router.routes().stream().map(OpenApi::operation).toList()));
    }

    private static OpenApiDocument.Operation operation(Router.Route route) {
        String path = path(route.path());
        return new OpenApiDocument.Operation(route.method(), path, route.summary(), media(path));
    }

    /** The OpenAPI form of a route's path: {@code /panel/**} is {@code /panel/{file}}. */
    static String path(PathTemplate template) {
        String t = template.template();
        return t.endsWith("/**") ? t.substring(0, t.length() - 2) + "{file}" : t;
    }

    /** What a path answers with. */
    private static String media(String path) {
        if (path.endsWith("/events")) {
            return "text/event-stream";
        }
        if (path.startsWith("/api/")) {
            return "application/json";
        }
        if (path.equals("/api/capture")) {
            return CaptureDownload.CONTENT_TYPE;
        }
        if (path.equals("/metrics")) {
            return "text/plain";
        }
        return path.startsWith(PanelAssets.URL_PREFIX) ? "*/*" : "text/html";
    }
}
