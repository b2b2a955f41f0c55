package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.client.Applied;
import org.pro380.client.BusScan;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.ModbusLink;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.UnitIds;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Registers;

/**
 * What the page works on: the line it chose, the one job (scan or commissioning) that may run on
 * it, and the meters the last scan found. Every request opens the line and closes it again, so a
 * port is never held between requests; while a job runs, it alone uses the line.
 */
final class Session {
    private volatile Connection connection;
    private volatile Job job;
    private volatile ScanJob lastScan;
    private volatile CommissionJob lastCommission;

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
                    UnitIds.parse(body.path("ids").asText(UnitIds.all())),
                    body.path("allSettings").asBoolean(false),
                    body.path("everyId").asBoolean(false),
                    BusScan.Options.defaults().timeout());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("ids: " + e.getMessage());
        }
        ScanJob scan = new ScanJob(c.endpoint(), options);
        lastScan = scan;
        begin(scan);
        return scan.status();
    }

    /** The last scan's progress; before the first, a scan that found nothing yet. */
    ObjectNode scan() {
        ScanJob scan = lastScan;
        if (scan == null) {
            ObjectNode none =
                    JsonNodeFactory.instance.objectNode().put("running", false).put("stopped", false);
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
        CommissionJob commission = new CommissionJob(c, options);
        lastCommission = commission;
        begin(commission);
        return commission.status();
    }

    /** What the last commissioning did; before the first, one that did nothing yet. */
    ObjectNode commissioning() {
        CommissionJob commission = lastCommission;
        if (commission == null) {
            ObjectNode none =
                    JsonNodeFactory.instance.objectNode().put("running", false).put("stopped", false);
            none.put("idsUsedUp", false).putArray("events");
            none.putArray("commissioned");
            return none;
        }
        return commission.status();
    }

    /** The meters the last commissioning gave their ids, as a plan file. */
    String plan() {
        CommissionJob commission = lastCommission;
        return commission == null ? CommissionPlan.HEADER + "\n" : commission.planCsv();
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
            throw new ApiError(
                    409,
                    "a " + (running instanceof ScanJob ? "scan" : "commissioning")
                            + " is using the line: stop it first");
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
