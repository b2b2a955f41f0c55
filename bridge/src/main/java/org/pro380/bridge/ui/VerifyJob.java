package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.pro380.client.BusScan;
import org.pro380.client.CommissionPlan;
import org.pro380.client.PlanCheck;

/**
 * The bus held against the plan ({@link PlanCheck}), as {@code pro380 commission --verify} does:
 * every id of the list, of the plan and the factory id asked, then each meter of the plan ok,
 * missing or moved, and the meters the plan lacks.
 */
final class VerifyJob extends Job {
    private final Connection connection;
    private final CommissionPlan plan;
    private final List<Integer> ids;
    private volatile int done;
    private volatile int total = 1;
    private volatile PlanCheck check;

    VerifyJob(Connection connection, CommissionPlan plan, List<Integer> ids) {
        super("verification");
        this.connection = connection;
        this.plan = plan;
        this.ids = List.copyOf(ids);
    }

    @Override
    void work() throws Exception {
        BusScan.Progress progress = (stepsDone, steps, unitId, asked) -> {
            checkStop();
            done = stepsDone;
            total = steps;
        };
        check = PlanCheck.onBus(connection.endpoint(), plan, ids, connection.timeout(), progress);
    }

    @Override
    void describe(ObjectNode status) {
        status.put("done", done).put("total", total);
        PlanCheck c = check;
        if (c == null) {
            return;
        }
        status.put("holds", c.holds());
        entries(status.putArray("present"), c.present());
        entries(status.putArray("missing"), c.missing());
        ArrayNode moved = status.putArray("moved");
        c.moved()
                .forEach(m -> moved.addObject()
                        .put("serial", m.entry().serialText())
                        .put("unitId", m.entry().unitId())
                        .put("label", m.entry().label())
                        .put("nowAt", m.nowAt()));
        ArrayNode unexpected = status.putArray("unexpected");
        c.unexpected().forEach(f -> unexpected.add(ScanJob.json(f)));
        ArrayNode lines = status.putArray("lines");
        c.lines().forEach(lines::add);
    }

    private static void entries(ArrayNode list, List<CommissionPlan.Entry> entries) {
        entries.forEach(e -> list.add(Session.json(e)));
    }
}
