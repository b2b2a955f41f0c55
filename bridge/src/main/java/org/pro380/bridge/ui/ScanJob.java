package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.pro380.client.BusScan;
import org.pro380.client.BusScan.Found;
import org.pro380.client.Endpoint;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;

/** A bus scan ({@link BusScan}) with its progress and the meters found so far, which a stop keeps. */
final class ScanJob extends Job {
    private final Endpoint endpoint;
    private final BusScan.Options options;
    private final List<Found> found = new ArrayList<>();
    private volatile int done;
    private volatile int total = 1;
    private volatile String trying = "";

    ScanJob(Endpoint endpoint, BusScan.Options options) {
        super("scan");
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    void work() throws Exception {
        BusScan.scan(endpoint, options, new BusScan.Progress() {
            @Override
            public void step(int stepsDone, int steps, int unitId, String asked) {
                checkStop();
                done = stepsDone;
                total = steps;
                trying = asked;
            }

            @Override
            public void found(Found meter) {
                synchronized (found) {
                    found.removeIf(f -> f.unitId() == meter.unitId() && f.serialNumber() == meter.serialNumber());
                    found.add(meter);
                }
            }
        });
    }

    List<Found> found() {
        synchronized (found) {
            return List.copyOf(found);
        }
    }

    @Override
    void describe(ObjectNode status) {
        status.put("done", done).put("total", total).put("trying", trying);
        ArrayNode meters = status.putArray("meters");
        for (Found f : found()) {
            meters.add(json(f));
        }
    }

    static ObjectNode json(Found f) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("unitId", f.unitId())
                .put("serial", f.serialText())
                .put("meterCode", String.format("0x%04X", f.meterCode()))
                .put("baud", f.settings().baud())
                .put("parity", Code.PARITY.text(f.settings().parity()))
                .put("settings", f.settings().toString())
                .put("lcdCycleTime", f.lcdCycleTime());
        ArrayNode heard = node.putArray("heardAt");
        for (LineSettings l : f.heardAt()) {
            heard.add(l.toString());
        }
        return node;
    }
}
