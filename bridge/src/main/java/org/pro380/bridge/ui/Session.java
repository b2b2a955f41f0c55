package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.bridge.BridgeConfig;
import org.pro380.client.Applied;
import org.pro380.client.BusScan;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.LineMove;
import org.pro380.client.ModbusLink;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.UnitIds;
import org.pro380.client.format.ValueText;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Registers;

/**
 * What the page works on: the line it chose, the one job (scan, commissioning, move, verification)
 * that may run on it, the meters the last scan found, and the commissioning's plan. Every request
 * opens the line and closes it again, so a port is never held between requests; while a job runs,
 * it alone uses the line.
 */
final class Session {
    private volatile Connection connection;
    private volatile Job job;
    private volatile ScanJob lastScan;
    private volatile CommissionJob lastCommission;
    private volatile MoveJob lastMove;
    private volatile VerifyJob lastVerify;
    /** The plan the commissioning steps work on, and the file it is kept in (null: none). */
    private volatile CommissionPlan plan = CommissionPlan.EMPTY;

    private volatile Path planFile;

    /** Opens the line once, to tell the page at once that a port is wrong or busy, and keeps it. */
    synchronized ObjectNode connect(Connection wanted) throws ApiError {
        idle();
        try (ModbusLink link = ModbusLink.open(wanted.endpoint(), wanted.timeout(), wanted.retries())) {
            connection = wanted;
        } catch (ClientException e) {
            throw ApiError.of(e);
        }
        lastScan = null;
        return wanted.json();
    }

    ObjectNode connection() {
        Connection c = connection;
        return c == null ? JsonNodeFactory.instance.objectNode().put("text", "not connected") : c.json();
    }

    synchronized ObjectNode startScan(JsonNode body) throws ApiError {
        Connection c = connected();
        idle();
        BusScan.Options options;
        try {
            options = new BusScan.Options(
                    scanIds(body),
                    body.path("allSettings").asBoolean(false),
                    body.path("everyId").asBoolean(false),
                    idTimeout(body));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ScanJob scan = new ScanJob(c.endpoint(), options);
        lastScan = scan;
        begin(scan);
        return scan.status();
    }

    private static List<Integer> scanIds(JsonNode body) {
        try {
            return UnitIds.parse(body.path("ids").asText(UnitIds.all()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ids: " + e.getMessage(), e);
        }
    }

    /** How long the scan waits for each id: {@code idTimeoutMs} (as scan's --id-timeout), or scan's default. */
    private static Duration idTimeout(JsonNode body) {
        return Connection.millis(body, "idTimeoutMs", BusScan.Options.defaults().timeout());
    }

    /** The last scan's progress; before the first, a scan that found nothing yet. */
    ObjectNode scan() {
        ScanJob scan = lastScan;
        if (scan == null) {
            ObjectNode none = idleStatus();
            none.put("done", 0).put("total", 0).put("trying", "").putArray("meters");
            return none;
        }
        return scan.status();
    }

    /** The meters the last scan found (so far, while it runs). */
    ArrayNode meters() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        ScanJob scan = lastScan;
        if (scan != null) {
            scan.found().forEach(f -> list.add(ScanJob.json(f)));
        }
        return list;
    }

    /**
     * The plan the commissioning starts from, from a plan file's text ({@code {"csv":"serial,id,label\n..."}})
     * or from a file on this computer ({@code {"file":"/home/me/cabinet.csv"}}: read, created if it is not
     * there, and each meter commissioned appended to it as {@code pro380 commission --plan} does);
     * {@code {}} starts an empty plan. A plan that does not parse is refused and the one before kept.
     */
    synchronized ObjectNode loadPlan(JsonNode body) throws ApiError {
        idle();
        if (body.has("csv") && body.has("file")) {
            throw ApiError.badRequest("give csv or file, not both");
        }
        Path file = null;
        CommissionPlan loaded;
        try {
            if (body.has("file")) {
                file = planFile(body.get("file").asText());
                loaded = CommissionPlan.read(file);
            } else {
                loaded = CommissionPlan.parse(body.path("csv").asText(""), "plan");
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read " + file + ": " + e.getMessage());
        }
        plan = loaded;
        planFile = file;
        return plan();
    }

    private static Path planFile(String text) throws ApiError {
        if (!text.strip().endsWith(".csv")) {
            throw ApiError.badRequest("file: a plan file's name ends in .csv, got '" + text + "'");
        }
        Path file;
        try {
            file = Path.of(text.strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw ApiError.badRequest("file: " + e.getMessage());
        }
        if (!Files.isDirectory(file.getParent())) {
            throw ApiError.badRequest("file: no folder " + file.getParent() + " to keep the plan in");
        }
        return file;
    }

    /** The page's plan: its file (if it has one) and its meters. */
    ObjectNode plan() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Path file = planFile;
        if (file != null) {
            node.put("file", file.toString());
        }
        ArrayNode meters = node.putArray("meters");
        plan.entries().forEach(e -> meters.add(json(e)));
        return node;
    }

    static ObjectNode json(CommissionPlan.Entry e) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("serial", e.serialText())
                .put("unitId", e.unitId())
                .put("label", e.label());
    }

    /** The page's plan as a plan file ({@code serial,id,label}), for {@code pro380 commission --plan}. */
    String planCsv() {
        return plan.csv();
    }

    /** The page's plan as the bridge's config file, as {@code pro380 commission --bridge-config} writes it. */
    String bridgeConfig() throws ApiError {
        Connection c = connected();
        try {
            return BridgeConfig.of(BridgeConfig.lineName(planFile), c.endpoint(), plan);
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, e.getMessage());
        }
    }

    /** Commissions new meters from the page's plan on: its ids are taken, each new meter is added to it. */
    synchronized ObjectNode startCommissioning(JsonNode body) throws ApiError {
        Connection c = connected();
        idle();
        Commissioning.Options options;
        try {
            List<Integer> ids = UnitIds.parse(body.path("ids").asText(""));
            options = new Commissioning.Options(ids, body.path("count").asInt(ids.size()), CommissionJob.POLL);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        CommissionJob commission = new CommissionJob(c, options, plan, this::record);
        lastCommission = commission;
        begin(commission);
        return commission.status();
    }

    /** A meter commissioned: appended to the plan file first, as the command does, then to the plan. */
    private void record(CommissionPlan.Entry entry) throws IOException {
        Path file = planFile;
        if (file != null) {
            try {
                CommissionPlan.append(file, entry);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        plan = plan.with(entry);
    }

    /** What the last commissioning did; before the first, one that did nothing yet. */
    ObjectNode commissioning() {
        CommissionJob commission = lastCommission;
        ObjectNode status;
        if (commission == null) {
            status = idleStatus();
            status.put("idsUsedUp", false).putArray("events");
            status.putArray("commissioned");
        } else {
            status = commission.status();
        }
        status.set("plan", plan());
        return status;
    }

    /** Moves the plan's meters to {@code {"to":"4800,odd"}}, one at a time; the page's line follows. */
    synchronized ObjectNode startMove(JsonNode body) throws ApiError {
        LineSettings to;
        try {
            to = LineMove.target(body.path("to").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("to: " + e.getMessage());
        }
        Connection c = connected();
        idle();
        if (plan.entries().isEmpty()) {
            throw new ApiError(409, "the plan has no meters to move: commission meters or load a plan first");
        }
        MoveJob move = new MoveJob(c, plan, to, line -> connection = c.at(line));
        lastMove = move;
        begin(move);
        return move.status();
    }

    ObjectNode move() {
        MoveJob move = lastMove;
        if (move == null) {
            ObjectNode none = idleStatus().put("total", 0);
            none.putArray("meters");
            return none;
        }
        return move.status();
    }

    /** Reads the bus for the plan: {@code {"ids":"2..61"}} and the plan's ids and the factory id. */
    synchronized ObjectNode startVerify(JsonNode body) throws ApiError {
        List<Integer> ids;
        try {
            ids = body.path("ids").asText("").isBlank()
                    ? List.of()
                    : UnitIds.parse(body.path("ids").asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("ids: " + e.getMessage());
        }
        Connection c = connected();
        idle();
        VerifyJob verify = new VerifyJob(c, plan, ids);
        lastVerify = verify;
        begin(verify);
        return verify.status();
    }

    ObjectNode verify() {
        VerifyJob verify = lastVerify;
        return verify == null ? idleStatus().put("done", 0).put("total", 0) : verify.status();
    }

    private static ObjectNode idleStatus() {
        return JsonNodeFactory.instance.objectNode().put("running", false).put("stopped", false);
    }

    /** Stops the job that runs, if one does; a stopped scan keeps what it found. */
    void stop() {
        Job running = job;
        if (running != null) {
            running.stop();
        }
    }

    /** Every register of the meter at {@code unitId}, read now. */
    ObjectNode meter(int unitId) throws ApiError {
        Connection c = connected();
        idle();
        try (Pro380Client client = Pro380Client.connect(c.config(unitId))) {
            return MeterDocument.of(client.snapshot(), c);
        } catch (ClientException e) {
            throw ApiError.of(e);
        }
    }

    Snapshot snapshot(int unitId) throws ApiError {
        Connection c = connected();
        idle();
        try (Pro380Client client = Pro380Client.connect(c.config(unitId))) {
            return client.snapshot();
        } catch (ClientException e) {
            throw ApiError.of(e);
        }
    }

    /**
     * Writes settings as {@code pro380 set} does ({@code {"lcd-cycle":"25","reset-power-counter":true}}):
     * every one checked before anything is sent, each read back; the line follows a new baud or parity.
     */
    synchronized ObjectNode apply(int unitId, JsonNode body) throws ApiError {
        List<Change> changes = changes(body);
        Connection c = connected();
        idle();
        try (Pro380Client client = Pro380Client.connect(c.config(unitId))) {
            List<Applied> applied = client.apply(changes);
            client.link().line().ifPresent(line -> connection = c.at(line));
            return answer(client, applied);
        } catch (ClientException e) {
            throw ApiError.of(e);
        }
    }

    private static List<Change> changes(JsonNode body) throws ApiError {
        if (!body.isObject() || body.isEmpty()) {
            throw ApiError.badRequest("expected an object of settings, e.g. {\"lcd-cycle\":25}; keys: " + Change.KEYS);
        }
        List<Change> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String text = field.getKey().equals("reset-power-counter")
                    ? field.getKey()
                    : field.getKey() + "=" + field.getValue().asText();
            if (field.getKey().equals("reset-power-counter")
                    && !field.getValue().asBoolean(false)) {
                continue;
            }
            try {
                Change change = Change.parse(text);
                Pro380Client.check(change);
                changes.add(change);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            } catch (ClientException e) {
                throw ApiError.of(e);
            }
        }
        if (changes.isEmpty()) {
            throw ApiError.badRequest("nothing to change");
        }
        return changes;
    }

    private ObjectNode answer(Pro380Client client, List<Applied> applied) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode list = node.putArray("applied");
        for (Applied a : applied) {
            list.addObject()
                    .put("key", a.change().register().key())
                    .put(
                            "value",
                            ValueText.human(a.change().register(), a.change().value()))
                    .put("readBack", ValueText.human(a.change().register(), a.readBack()))
                    .put("confirmed", a.confirmed());
        }
        node.put("unitId", client.unitId());
        node.set("connection", connection.json());
        boolean lineMoved = applied.stream()
                .anyMatch(a -> a.change().register().equals(Registers.BAUD_RATE)
                        || a.change().register().equals(Registers.PARITY));
        if (lineMoved && client.link().line().isEmpty()) {
            node.put(
                    "note",
                    "the meter's line settings changed; if a gateway links "
                            + client.link().endpoint() + " to the RS485 line, set the gateway's serial side to match");
        }
        return node;
    }

    private Connection connected() throws ApiError {
        Connection c = connection;
        if (c == null) {
            throw new ApiError(409, "not connected: choose a serial port or a TCP address first");
        }
        return c;
    }

    /** Refuses while a job has the line. */
    private void idle() throws ApiError {
        Job running = job;
        if (running != null && running.running()) {
            throw new ApiError(409, "a " + running.name() + " is using the line: stop it first");
        }
    }

    private void begin(Job next) {
        job = next;
        next.start();
    }

    Optional<Connection> current() {
        return Optional.ofNullable(connection);
    }
}
