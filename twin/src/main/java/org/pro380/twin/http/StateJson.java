package org.pro380.twin.http;

import static org.pro380.client.format.Json.f32;
import static org.pro380.client.format.Json.lcdPhases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.pro380.meter.Lcd;
import org.pro380.meter.Load;
import org.pro380.meter.MemoryStatus;
import org.pro380.meter.MeterReading;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.StorageError;
import org.pro380.meter.TariffInput;
import org.pro380.profile.LoadJson;
import org.pro380.profile.ProfileSchedule;
import org.pro380.profile.Span;
import org.pro380.registers.Code;
import org.pro380.registers.DataType;
import org.pro380.registers.LcdPage;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.source.SourceState;

/**
 * The state document of {@code GET /api/state}: everything the meter shows, and every register of
 * {@link Registers#MAP} in address order. See the package documentation for the shape.
 */
final class StateJson {

    private StateJson() {}

    /** The state of one meter of a site, with its place: {@code "meter": k, "bus": b} first. */
    static ObjectNode of(SiteMeter meter) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("meter", meter.index());
        doc.put("bus", meter.bus());
        MeterReading reading = meter.reading();
        doc.setAll(of(reading, meter.load()));
        doc.set("profile", meter.profile().map(p -> profile(p, reading.time())).orElse(null));
        meter.source().ifPresent(s -> doc.set("source", source(s)));
        return doc;
    }

    /** {"uri":"mqtt://...","connected":true,"lastValueAgeMillis":412,"stale":false,"staleAfterMillis":10000,"onStale":"silent","malformed":0,...} */
    private static ObjectNode source(SourceState s) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("uri", s.source());
        node.put("connected", s.connected());
        if (s.lastValueAge().isPresent()) {
            node.put("lastValueAgeMillis", s.lastValueAge().get().toMillis());
        } else {
            node.putNull("lastValueAgeMillis");
        }
        node.put("stale", s.stale());
        node.put("staleAfterMillis", s.staleAfter().toMillis());
        node.put("onStale", s.onStale().key());
        node.put("malformed", s.malformed());
        node.put("lastMalformed", s.lastMalformed().orElse(null));
        return node;
    }

    /**
     * {"name":"pv","period":"1d","interpolate":true,"shiftSeconds":-840,"positionSeconds":47110,"position":"13:05:10"};
     * the position of a period longer than a day starts with its day, "day 3 13:05:10".
     */
    static ObjectNode profile(ProfileSchedule schedule, java.time.Instant time) {
        long seconds = schedule.position(time) / 1000;
        String clock = String.format("%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        boolean days = schedule.profile().period().toSeconds() > 86_400;
        return Json.MAPPER
                .createObjectNode()
                .put("name", schedule.profile().name())
                .put("period", Span.text(schedule.profile().period()))
                .put("interpolate", schedule.profile().interpolate())
                .put("shiftSeconds", schedule.shift().toSeconds())
                .put("positionSeconds", seconds)
                .put("position", days ? "day " + (seconds / 86_400 + 1) + " " + clock : clock);
    }

    static ObjectNode of(MeterReading reading, Load load) {
        Settings settings = reading.settings();
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("powered", reading.powered());
        doc.put("time", reading.time().toString());
        doc.put("unitId", settings.unitId());
        doc.put("baud", settings.baud());
        doc.put("parity", Code.PARITY.text(settings.parity()));
        doc.set("registers", registers(reading));
        doc.set("lcd", lcd(reading.lcd()));
        doc.set("leds", leds(reading));
        doc.put("tariffInput", tariffInput(reading.tariffInput()));
        doc.put("activeTariff", reading.activeTariff().number());
        doc.set(
                "storageError",
                reading.storageError().map(StateJson::storageError).orElse(null));
        doc.set("memory", memory(reading.memory()));
        doc.put("statusWord", hex32(reading.statusWord()));
        doc.put("forbiddenFlow", reading.measurements().forbiddenFlow());
        doc.set("load", LoadJson.toJson(load));
        doc.put("powerCounter", reading.powerCounter());
        return doc;
    }

    /** {"healthy":false,"readFailure":null,"saveFailure":"main.nv: ... No space left on device"} */
    private static ObjectNode memory(MemoryStatus memory) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("healthy", memory.healthy());
        node.put("readFailure", memory.readFailure().orElse(null));
        node.put("saveFailure", memory.saveFailure().orElse(null));
        return node;
    }

    /** "none", "T2" or "T3": the names the tariff-input call takes. */
    static String tariffInput(TariffInput input) {
        return input == TariffInput.NONE ? "none" : input.name();
    }

    private static ObjectNode registers(MeterReading reading) {
        ObjectNode registers = Json.MAPPER.createObjectNode();
        for (Register<?> r : Registers.MAP.all()) {
            ObjectNode entry = registers.putObject(r.key());
            entry.put("address", String.format("0x%04X", r.address()));
            entry.put("name", r.name());
            putValue(entry, r, reading);
            entry.put("unit", r.unit().symbol());
            entry.put("type", r.type().name());
            entry.put("writable", r.writable());
        }
        return registers;
    }

    /**
     * The decoded value: a number, a string for ascii2, and for hex32 a hex string plus the number.
     * A register that a Modbus read would refuse (energy while the memory is unreadable) has value
     * null and the reason as "error".
     */
    private static void putValue(ObjectNode entry, Register<?> r, MeterReading reading) {
        try {
            reading.words(r.address(), r.words());
        } catch (RegisterAccessException e) {
            entry.putNull("value");
            entry.put("error", e.getMessage());
            return;
        }
        Object value = reading.value(r);
        if (r.type() == DataType.HEX32) {
            entry.put("value", hex32((Long) value));
            entry.put("number", (Long) value);
        } else if (value instanceof Double d) {
            entry.set("value", f32(d));
        } else if (value instanceof Integer i) {
            entry.put("value", i);
        } else if (value instanceof Long l) {
            entry.put("value", l);
        } else {
            entry.put("value", String.valueOf(value));
        }
    }

    private static ObjectNode lcd(Lcd lcd) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("text", lcd.page().text());
        json.put("page", lcd.page().id());
        ArrayNode pages = json.putArray("pages");
        lcd.cycle().stream().map(LcdPage::text).forEach(pages::add);
        json.put("backlight", lcd.backlight());
        json.set("phases", lcdPhases(lcd.phases()));
        return json;
    }

    private static ObjectNode leds(MeterReading reading) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putObject("pulse").put("count", reading.pulses()).put("perSecond", reading.pulsesPerSecond());
        json.putObject("tariff")
                .put("state", reading.tariffLed().name().toLowerCase(Locale.ROOT))
                .put("lit", reading.tariffLedLit());
        return json;
    }

    private static ObjectNode storageError(StorageError error) {
        return Json.MAPPER
                .createObjectNode()
                .put("code", error.display())
                .put("text", error.lcdText())
                .put("meaning", error.meaning());
    }

    private static String hex32(long value) {
        return String.format("0x%08X", value);
    }
}
