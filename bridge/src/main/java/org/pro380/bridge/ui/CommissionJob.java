package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.Commissioning.Event;
import org.pro380.client.ModbusLink;
import org.pro380.registers.Identity;

/**
 * {@link Commissioning} of new meters, one at a time, as the installer wires them: what it is
 * doing now and every meter given its id, for the guided page. It starts from the page's plan
 * (the ids in it are taken, as a second run of {@code pro380 commission --plan} resumes) and hands
 * each meter to the plan's recorder.
 */
final class CommissionJob extends Job {
    /** The pause between two polls for a new meter at the factory id. */
    static final Duration POLL = Duration.ofMillis(300);

    private final Connection connection;
    private final Commissioning.Options options;
    private final CommissionPlan plan;
    private final Commissioning.Recorder recorder;
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<CommissionPlan.Entry> commissioned = new ArrayList<>();
    private volatile boolean idsUsedUp;

    CommissionJob(
            Connection connection,
            Commissioning.Options options,
            CommissionPlan plan,
            Commissioning.Recorder recorder) {
        super("commissioning");
        this.connection = connection;
        this.options = options;
        this.plan = plan;
        this.recorder = recorder;
    }

    @Override
    void work() throws Exception {
        try (ModbusLink link = ModbusLink.open(connection.endpoint(), connection.timeout(), connection.retries())) {
            Commissioning commissioning = new Commissioning(link, options, plan, this::keep, pause -> {
                checkStop();
                Thread.sleep(pause.toMillis());
            });
            idsUsedUp = commissioning.run(this::tell).idsUsedUp();
        }
    }

    private void keep(CommissionPlan.Entry entry) throws IOException {
        recorder.record(entry);
        synchronized (events) {
            commissioned.add(entry);
        }
    }

    private void tell(Event event) {
        checkStop();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (event instanceof Event.Waiting w) {
            node.put("event", "waiting")
                    .put("nextId", w.nextId())
                    .put(
                            "text",
                            "Waiting for a new meter at unit " + Commissioning.FACTORY_ID
                                    + ": wire the next one (it gets id " + w.nextId() + ")");
        } else if (event instanceof Event.Crowded c) {
            node.put("event", "crowded")
                    .put(
                            "text",
                            "A garbled reply at unit " + Commissioning.FACTORY_ID
                                    + ": are two new meters on the bus? Power one at a time (" + c.reply() + ")");
        } else if (event instanceof Event.Taken t) {
            node.put("event", "taken")
                    .put("unitId", t.unitId())
                    .put("text", "Id " + t.unitId() + " is taken: " + t.who() + " answers there; trying the next id");
        } else if (event instanceof Event.Changing c) {
            node.put("event", "changing")
                    .put("unitId", c.unitId())
                    .put("text", "Giving meter " + Identity.serialText(c.serialNumber()) + " id " + c.unitId());
        } else if (event instanceof Event.Commissioned c) {
            node.put("event", "commissioned")
                    .put("unitId", c.entry().unitId())
                    .put("serial", c.entry().serialText())
                    .put(
                            "text",
                            c.entry().serialText() + " -> id " + c.entry().unitId()
                                    + (c.again() ? " (again, as planned)" : ""));
        }
        synchronized (events) {
            events.add(node);
        }
    }

    @Override
    void describe(ObjectNode status) {
        status.put("idsUsedUp", idsUsedUp);
        synchronized (events) {
            ArrayNode list = status.putArray("events");
            events.forEach(list::add);
            ArrayNode meters = status.putArray("commissioned");
            commissioned.forEach(e -> meters.add(Session.json(e)));
        }
    }
}
