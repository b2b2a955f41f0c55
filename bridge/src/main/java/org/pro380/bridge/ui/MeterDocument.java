package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.pro380.client.Group;
import org.pro380.client.LcdFromRegisters;
import org.pro380.client.Snapshot;
import org.pro380.client.format.Json;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Register;

/**
 * A meter as the page shows it: its LCD as the registers tell it ({@link LcdFromRegisters}: the
 * pages of one cycle, the cycle time, the backlight, the phase marks), then every register of a
 * snapshot, in the manual's groups (identity and status, settings, instantaneous values, energy),
 * each with its name, address, unit, value (as {@link Json} writes it) and the value in words.
 */
final class MeterDocument {
    /** The groups, in the manual's order, with their headings. */
    private static final List<Group> GROUPS =
            List.of(Group.IDENTITY, Group.SETTINGS, Group.INSTANTANEOUS, Group.ENERGY);

    private static final List<String> TITLES =
            List.of("Identity and status", "Settings", "Instantaneous values", "Energy counters");

    private MeterDocument() {}

    static ObjectNode of(Snapshot snapshot, Connection connection) {
        ObjectNode tree = Json.tree(snapshot);
        JsonNode values = tree.remove("registers");
        tree.set("connection", connection.json());
        tree.set("lcd", lcd(LcdFromRegisters.of(snapshot)));
        ArrayNode groups = tree.putArray("groups");
        for (int i = 0; i < GROUPS.size(); i++) {
            ObjectNode group =
                    groups.addObject().put("key", GROUPS.get(i).key()).put("title", TITLES.get(i));
            ArrayNode registers = group.putArray("registers");
            for (Register<?> r : GROUPS.get(i).registers()) {
                if (snapshot.has(r)) {
                    ObjectNode node = registers.addObject();
                    node.put("key", r.key()).put("name", r.name());
                    node.setAll((ObjectNode) values.get(r.key()));
                    node.put("unit", r.unit().symbol());
                    node.put("text", ValueText.human(r, snapshot.values().get(r)));
                    node.put("writable", r.writable());
                }
            }
        }
        return tree;
    }

    /** {@code {"cycleSeconds":10,"backlight":true,"pages":[{"id":"total","text":"0.00 kWh"},...],"phases":[...]}}. */
    private static ObjectNode lcd(LcdFromRegisters lcd) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("cycleSeconds", lcd.cycleSeconds());
        json.put("backlight", lcd.backlight());
        ArrayNode pages = json.putArray("pages");
        lcd.pages().forEach(p -> pages.addObject().put("id", p.id()).put("text", p.text()));
        json.set("phases", Json.lcdPhases(lcd.phases()));
        return json;
    }
}
