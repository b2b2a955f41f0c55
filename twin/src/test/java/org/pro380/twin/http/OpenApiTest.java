package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.ExternalTool;

/** GET /api/openapi.json against the router's own route table, and against an OpenAPI validator. */
class OpenApiTest extends ServerTestBase {

    @TempDir
    Path dir;

    @Test
    void theDocumentListsEveryRouteTheRouterHasAndNothingElse() {
        HttpResponse<String> response = client.get(OpenApi.PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode doc = ApiClient.json(response);
        assertThat(doc.get("openapi").asText()).startsWith("3.");

        Set<String> described = new TreeSet<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));
        List<Router.Route> routes = ControlEndpoints.router(twin, TokenCheck.forBind(true, Optional.empty()))
                .routes();
        Set<String> routed = routes.stream()
                .map(r -> r.method() + " " + OpenApi.path(r.path()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(described)
                .isEqualTo(routed)
                .hasSize(routes.size())
                .contains(
                        "GET /api/openapi.json",
                        "GET /api/history",
                        "GET /api/meters/{meter}/history",
                        "PUT /api/meters/{meter}/registers/{key}",
                        "GET /panel/{file}",
                        "GET /metrics",
                        "PUT /api/faults",
                        "GET /api/meters/{meter}/faults",
                        "DELETE /api/meters/{meter}/faults");
        JsonNode write = doc.at("/paths/~1api~1meters~1{meter}~1registers~1{key}/put");
        assertThat(write.get("parameters"))
                .extracting(p -> p.get("name").asText())
                .containsExactly("meter", "key");
        assertThat(write.has("requestBody")).isTrue();
        assertThat(write.at("/security/0").has("bearer")).isTrue();
        assertThat(doc.at("/paths/~1api~1state/get/summary").asText()).isNotBlank();
    }

    @Test
    void theDocumentPassesAnOpenApiValidator() throws Exception {
        Path validator = ExternalTool.require("openapi-spec-validator", "python3-openapi-spec-validator");
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, client.get(OpenApi.PATH).body(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(validator.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
