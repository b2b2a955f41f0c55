package org.pro380.client.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * An OpenAPI 3 description written from a server's own route table (the twin's control API, the
 * bridge's web API), so that it lists what the server serves and nothing else. A path's
 * {@code {name}} segments are path parameters ({@code {meter}} a whole number from 1); a call
 * that changes something (not GET) takes a JSON body and a bearer token.
 */
public final class OpenApiDocument {

    public static final String VERSION = "3.0.3";

    /** One route: method, path with its {@code {parameters}}, what it does, the media type of its answer. */
    public record Operation(String method, String path, String summary, String media) {}

    private OpenApiDocument() {}

    public static ObjectNode of(String title, String description, List<Operation> operations) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("openapi", VERSION);
        doc.putObject("info").put("title", title).put("version", version()).put("description", description);
        ObjectNode components = doc.putObject("components");
        if (operations.stream().anyMatch(OpenApiDocument::changes)) {
            components
                    .putObject("securitySchemes")
                    .putObject("bearer")
                    .put("type", "http")
                    .put("scheme", "bearer");
        }
        ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
        error.putObject("properties").putObject("error").put("type", "string");
        error.putArray("required").add("error");
        ObjectNode paths = doc.putObject("paths");
        for (Operation o : operations) {
            ObjectNode item = paths.has(o.path()) ? (ObjectNode) paths.get(o.path()) : paths.putObject(o.path());
            item.set(o.method().toLowerCase(Locale.ROOT), operation(o));
        }
        return doc;
    }

    private static boolean changes(Operation o) {
        return !o.method().equals("GET");
    }

    private static ObjectNode operation(Operation o) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("summary", o.summary());
        op.put("operationId", operationId(o.method(), o.path()));
        ArrayNode parameters = op.putArray("parameters");
        for (String segment : o.path().split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                ObjectNode p = parameters
                        .addObject()
                        .put("name", name)
                        .put("in", "path")
                        .put("required", true);
                if (name.equals("meter")) {
                    p.putObject("schema").put("type", "integer").put("minimum", 1);
                } else {
                    p.putObject("schema").put("type", "string");
                }
            }
        }
        if (changes(o)) {
            op.putObject("requestBody")
                    .put("required", true)
                    .putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("type", "object");
            op.putArray("security").addObject().putArray("bearer");
        }
        ObjectNode responses = op.putObject("responses");
        responses
                .putObject("200")
                .put("description", "done")
                .putObject("content")
                .putObject(o.media())
                .putObject("schema")
                .put("type", o.media().equals("application/json") ? "object" : "string");
        responses
                .putObject("default")
                .put("description", "refused: {\"error\": \"...\"} with its status")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", "#/components/schemas/Error");
        return op;
    }

    /** {@code PUT /api/meters/{meter}/registers/{key}} is {@code putApiMetersMeterRegistersKey}; {@code GET /} is {@code get}. */
    private static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String word : path.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    private static String version() {
        String v = OpenApiDocument.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
