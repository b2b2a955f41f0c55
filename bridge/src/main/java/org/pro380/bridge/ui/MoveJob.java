package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.pro380.client.CommissionPlan;
import org.pro380.client.LineMove;
import org.pro380.client.ModbusLink;
import org.pro380.protocol.LineSettings;

/**
 * {@link LineMove} of the plan's meters to another baud and parity, one at a time, as {@code pro380
 * commission --move-to} does: each meter as it is asked, then moved, already there, or lost (and
 * where it still answers). A stop ends it between two meters; a second run finishes it.
 */
final class MoveJob extends Job {
    private final Connection connection;
    private final CommissionPlan plan;
    private final LineSettings to;
    private final Consumer<LineSettings> arrived;
    private final List<Row> rows = new ArrayList<>();

    /** One meter of the plan: where its move stands. */
    private record Row(CommissionPlan.Entry entry, String state, String text) {}

    /** @param arrived told of the new line once every meter was asked (the page's line follows) */
    MoveJob(Connection connection, CommissionPlan plan, LineSettings to, Consumer<LineSettings> arrived) {
        super("move to " + to);
        this.connection = connection;
        this.plan = plan;
        this.to = to;
        this.arrived = arrived;
    }

    @Override
    void work() throws Exception {
        try (ModbusLink link = ModbusLink.open(connection.endpoint(), connection.timeout(), connection.retries())) {
            new LineMove(link, connection.line(), to).run(plan, new LineMove.Listener() {
                @Override
                public void moving(CommissionPlan.Entry entry) {
                    checkStop();
                    put(new Row(
                            entry,
                            "moving",
                            "Moving " + entry.serialText() + " at id " + entry.unitId() + " to " + to));
                }

                @Override
                public void on(LineMove.Outcome outcome) {
                    put(new Row(outcome.entry(), state(outcome), outcome.text(to)));
                }
            });
        }
        arrived.accept(to);
    }

    private static String state(LineMove.Outcome outcome) {
        if (outcome instanceof LineMove.Outcome.Moved) {
            return "moved";
        }
        return outcome instanceof LineMove.Outcome.AlreadyThere ? "already" : "lost";
    }

    private void put(Row row) {
        synchronized (rows) {
            rows.removeIf(r -> r.entry().equals(row.entry()));
            rows.add(row);
        }
    }

    @Override
    void describe(ObjectNode status) {
        status.put("to", to.toString()).put("total", plan.entries().size());
        if (!connection.onSerialLine()) {
            status.put(
                    "note",
                    "the meters' line is now set; if a gateway links " + connection.endpoint()
                            + " to the RS485 line, set the gateway's serial side to " + to);
        }
        ArrayNode meters = status.putArray("meters");
        synchronized (rows) {
            for (Row r : rows) {
                meters.addObject()
                        .put("serial", r.entry().serialText())
                        .put("unitId", r.entry().unitId())
                        .put("label", r.entry().label())
                        .put("state", r.state())
                        .put("text", r.text());
            }
        }
    }
}
