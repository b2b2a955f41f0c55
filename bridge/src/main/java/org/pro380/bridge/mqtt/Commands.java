package org.pro380.bridge.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pro380.bridge.BridgeMeter;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * Settings sent over MQTT: {@code pro380/SERIAL/set/KEY} with the value as {@code pro380 set}
 * takes it ({@code tariff} 2 or T2, {@code backlight} on or off, {@code lcd-cycle-time} 25 or
 * 25s). Only the settings that cannot cut the meter off its line are taken; a value is checked
 * against the register's rule before anything is sent. The answer (a JSON document) goes to
 * the command's {@code /result} topic.
 */
final class Commands {

    /** Safe to change from afar: none of them moves the meter to another id, baud or parity. */
    static final List<Register<Integer>> SETTABLE =
            List.of(Registers.TARIFF, Registers.BACKLIGHT, Registers.LCD_CYCLE_TIME);

    private final MeterCommands meters;
    private final Function<String, Optional<BridgeMeter>> bySerial;

    Commands(MeterCommands meters, Function<String, Optional<BridgeMeter>> bySerial) {
        this.meters = meters;
        this.bySerial = bySerial;
    }

    /** Checks and applies {@code key=payload} on the meter {@code serial}; the answer to publish. */
    ObjectNode handle(String serial, String key, String payload) {
        ObjectNode answer = Discovery.MAPPER.createObjectNode();
        answer.put("command", key + "=" + payload);
        try {
            Change change = checked(key, payload);
            BridgeMeter meter = bySerial.apply(serial)
                    .orElseThrow(() ->
                            new IllegalArgumentException("no meter with serial number " + serial + " on this bridge"));
            Applied applied = meters.apply(meter, change);
            return answer.put("ok", true)
                    .put("register", change.register().key())
                    .put("value", change.value())
                    .put("readBack", applied.readBack());
        } catch (IllegalArgumentException | UnsupportedOperationException | ClientException e) {
            return answer.put("ok", false).put("error", e.getMessage());
        }
    }

    /** The change {@code key=payload} stands for, if it is one MQTT may make with a legal value. */
    static Change checked(String key, String payload) {
        Change change = Change.parse(key + "=" + payload.strip());
        Register<Integer> r = change.register();
        if (!SETTABLE.contains(r)) {
            throw new IllegalArgumentException(r.key() + " cannot be set over MQTT; only "
                    + SETTABLE.stream().map(Register::key).collect(Collectors.joining(", ")) + " can");
        }
        Optional<String> refusal = r.rejectWrite(r.type().encode(change.value()));
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        return change;
    }
}
