package org.pro380.bridge.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pro380.bridge.web.Page;
import org.pro380.bridge.web.Reply;
import org.pro380.client.Snapshot;
import org.pro380.client.format.Csv;
import org.pro380.client.format.Json;
import org.pro380.client.web.ChartAsset;
import org.pro380.client.web.OpenApiDocument;
import org.pro380.client.web.OpenApiDocument.Operation;
import org.pro380.client.web.WriteToken;
import org.pro380.registers.UnitId;
import org.pro380.serial.SerialLine;

/**
 * The HTTP API of {@code pro380 ui} and its page, from one route table: GET reads, POST changes
 * (with the token off loopback). Every answer is JSON, an error {@code {"error":"one line"}}.
 */
final class UiApi implements Page {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML = "text/html; charset=utf-8";
    /** The page's own files, beside the shared ones of {@link ChartAsset}. */
    private static final Map<String, String> FILES =
            Map.of("ui.js", "text/javascript; charset=utf-8", "ui.css", "text/css; charset=utf-8");

    @FunctionalInterface
    private interface Answer {
        /** {@code parameter}: the path's {@code {parameter}} segment, if the route has one. */
        Reply answer(String parameter, Request request) throws ApiError;
    }

    /** A route: method, path with one {@code {parameter}} segment at most, what it does. */
    private record Route(String method, String path, String summary, String media, Answer answer) {
        Optional<String> match(String requested) {
            Matcher m = Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+\\}", "\\\\E([^/]+)\\\\Q"))
                    .matcher(requested);
            return m.matches() ? Optional.of(m.groupCount() > 0 ? m.group(1) : "") : Optional.empty();
        }
    }

    private final Session session = new Session();
    private final WriteToken token;
    private final List<Route> routes;

    UiApi(WriteToken token) {
        this.token = token;
        String json = "application/json";
        routes = List.of(
                new Route(
                        "GET",
                        "/",
                        "the page",
                        "text/html",
                        (p, r) -> Reply.of(200, HTML, file("ui.html"))
                                .with("Content-Security-Policy", CONTENT_SECURITY_POLICY)),
                new Route(
                        "GET",
                        "/ui/{file}",
                        "the page's files: ui.js, ui.css, panel.css, uplot.js, uplot.css, chart.js, lcd.js, phases.js",
                        "*/*",
                        (file, r) -> asset(file)),
                new Route(
                        "GET",
                        "/api/ports",
                        "the serial ports of this computer, with their descriptions",
                        json,
                        (p, r) -> Reply.json(200, ports())),
                new Route(
                        "GET",
                        "/api/connection",
                        "the line chosen",
                        json,
                        (p, r) -> Reply.json(200, session.connection())),
                new Route(
                        "POST",
                        "/api/connect",
                        "choose the line: {serial, baud, parity}, {tcp} or {rtuTcp}",
                        json,
                        (p, r) -> Reply.json(200, session.connect(Connection.parse(body(r))))),
                new Route(
                        "POST",
                        "/api/scan",
                        "start a scan: {ids, allSettings, everyId}",
                        json,
                        (p, r) -> Reply.json(202, session.startScan(body(r)))),
                new Route(
                        "GET",
                        "/api/scan",
                        "the scan's progress and the meters found so far",
                        json,
                        (p, r) -> Reply.json(200, session.scan())),
                new Route("POST", "/api/scan/stop", "stop the scan (what it found is kept)", json, (p, r) -> {
                    session.stop();
                    return Reply.json(200, session.scan());
                }),
                new Route(
                        "GET",
                        "/api/meters",
                        "the meters the last scan found",
                        json,
                        (p, r) -> Reply.json(200, session.meters())),
                new Route(
                        "GET",
                        "/api/meters/{id}",
                        "every register of the meter, grouped, read now",
                        json,
                        (id, r) -> Reply.json(200, session.meter(unitId(id)))),
                new Route(
                        "GET",
                        "/api/meters/{id}/export",
                        "a snapshot to download: ?format=json or csv",
                        "*/*",
                        (id, r) -> export(unitId(id), r.query())),
                new Route(
                        "POST",
                        "/api/meters/{id}/settings",
                        "write settings, checked first and read back: {\"lcd-cycle\":25, ...}",
                        json,
                        (id, r) -> Reply.json(200, session.apply(unitId(id), body(r)))),
                new Route(
                        "POST",
                        "/api/commission/plan",
                        "the plan to start from: {csv} (a plan file's text), {file} (a path here) or {} (empty)",
                        json,
                        (p, r) -> Reply.json(200, session.loadPlan(body(r)))),
                new Route(
                        "GET",
                        "/api/commission/plan",
                        "the plan: its file and its meters",
                        json,
                        (p, r) -> Reply.json(200, session.plan())),
                new Route(
                        "POST",
                        "/api/commission",
                        "commission new meters one at a time, from the plan on: {ids, count}",
                        json,
                        (p, r) -> Reply.json(202, session.startCommissioning(body(r)))),
                new Route(
                        "GET",
                        "/api/commission",
                        "what the commissioning did so far, and the plan",
                        json,
                        (p, r) -> Reply.json(200, session.commissioning())),
                new Route(
                        "GET",
                        "/api/commission/plan.csv",
                        "the plan as a plan file (serial,id,label) for pro380 commission --plan",
                        "text/csv",
                        (p, r) -> download("text/csv; charset=utf-8", "commission-plan.csv", session.planCsv())),
                new Route(
                        "GET",
                        "/api/commission/bridge.json",
                        "the plan as the config file of pro380 bridge --config",
                        json,
                        (p, r) -> download("application/json; charset=utf-8", "bridge.json", session.bridgeConfig())),
                new Route(
                        "POST",
                        "/api/commission/move",
                        "move the plan's meters to another line, one at a time: {to: \"4800,odd\"}",
                        json,
                        (p, r) -> Reply.json(202, session.startMove(body(r)))),
                new Route(
                        "GET",
                        "/api/commission/move",
                        "each meter's move so far",
                        json,
                        (p, r) -> Reply.json(200, session.move())),
                new Route(
                        "POST",
                        "/api/commission/verify",
                        "read the bus for the plan: {ids}",
                        json,
                        (p, r) -> Reply.json(202, session.startVerify(body(r)))),
                new Route(
                        "GET",
                        "/api/commission/verify",
                        "the plan's meters ok, missing or moved, and the meters it lacks",
                        json,
                        (p, r) -> Reply.json(200, session.verify())),
                new Route(
                        "POST",
                        "/api/commission/stop",
                        "stop the commissioning, move or verification",
                        json,
                        (p, r) -> {
                            session.stop();
                            return Reply.json(200, session.commissioning());
                        }),
                new Route(
                        "GET",
                        "/api/openapi.json",
                        "this description (OpenAPI 3)",
                        json,
                        (p, r) -> Reply.json(
                                200,
                                OpenApiDocument.of(
                                        "pro380 ui API",
                                        "Reads and configures real meters (docs/ui.md); changes need a bearer token"
                                                + " when the UI listens off loopback.",
                                        operations()))));
    }

    @Override
    public List<Operation> operations() {
        return routes.stream()
                .map(r -> new Operation(r.method(), r.path(), r.summary(), r.media()))
                .toList();
    }

    @Override
    public Optional<Reply> answer(Request request) {
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        List<Route> onPath =
                routes.stream().filter(r -> r.match(request.path()).isPresent()).toList();
        if (onPath.isEmpty()) {
            return Optional.empty();
        }
        Optional<Route> route =
                onPath.stream().filter(r -> r.method().equals(method)).findFirst();
        if (route.isEmpty()) {
            String allowed =
                    String.join(", ", onPath.stream().map(Route::method).toList());
            return Optional.of(Reply.notAllowed(allowed, request.path() + " takes " + allowed));
        }
        if (!method.equals("GET")) {
            Optional<String> refusal = token.refusal(request.authorization());
            if (refusal.isPresent()) {
                return Optional.of(Reply.error(401, refusal.get()).with("WWW-Authenticate", WriteToken.CHALLENGE));
            }
        }
        try {
            return Optional.of(route.get()
                    .answer()
                    .answer(route.get().match(request.path()).orElseThrow(), request));
        } catch (ApiError e) {
            return Optional.of(Reply.error(e.status(), e.getMessage()));
        }
    }

    private static Reply download(String type, String name, String text) {
        return Reply.of(200, type, text.getBytes(StandardCharsets.UTF_8))
                .with("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private static ArrayNode ports() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (SerialLine.Port p : SerialLine.ports()) {
            list.addObject().put("path", p.path()).put("description", p.description());
        }
        return list;
    }

    private Reply export(int unitId, Map<String, List<String>> query) throws ApiError {
        String format = query.getOrDefault("format", List.of("json")).get(0);
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiError.badRequest("format must be json or csv, got '" + format + "'");
        }
        Snapshot snapshot = session.snapshot(unitId);
        String name = "pro380-unit" + unitId + "-" + snapshot.time().toString().replace(':', '-') + "." + format;
        String text = format.equals("json") ? Json.render(snapshot) : Csv.render(snapshot);
        String type = format.equals("json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        return download(type, name, text);
    }

    private static int unitId(String text) throws ApiError {
        if (text.matches("\\d{1,3}") && Integer.parseInt(text) <= UnitId.LAST) {
            return Integer.parseInt(text);
        }
        throw ApiError.badRequest(
                "a unit id must be " + UnitId.BROADCAST + ".." + UnitId.LAST + ", got '" + text + "'");
    }

    private static JsonNode body(Request request) throws ApiError {
        if (request.body().isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            if (!node.isObject()) {
                throw ApiError.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Reply asset(String name) {
        Optional<ChartAsset> shared = ChartAsset.named(name);
        if (shared.isPresent()) {
            return Reply.of(200, shared.get().contentType(), shared.get().bytes());
        }
        String type = FILES.get(name);
        return type == null ? Reply.error(404, "no such file: /ui/" + name) : Reply.of(200, type, file(name));
    }

    private static byte[] file(String name) {
        try (InputStream in = UiApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot be read", e);
        }
    }
}
