package org.pro380.client.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pro380.client.Group;
import org.pro380.client.Snapshot;
import org.pro380.client.Traffic;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

class FormatTest {

    private static Snapshot snapshot() {
        Map<Register<?>, Object> values = new LinkedHashMap<>();
        for (Register<?> r : Registers.MAP.all()) {
            values.put(r, r.type().decode(new int[] {0, 0}, 0));
        }
        values.put(Registers.SERIAL_NUMBER, 1234);
        values.put(Registers.VOLTAGE_L1, (double) 230.1f);
        values.put(Registers.PARITY, 1);
        values.put(Registers.BACKLIGHT, 2);
        values.put(Registers.TARIFF, 3);
        values.put(Registers.CHECKSUM, 0x0607E329L);
        values.put(Registers.DIRECTION_L1, "1F");
        return new Snapshot(Instant.parse("2026-01-01T00:00:00Z"), 1, values, new Traffic(3, 24, 355));
    }

    @Test
    void csvHasAHeaderAndOneRowPerRegisterWithExactValues() {
        String[] lines = Csv.render(snapshot()).split("\n");

        assertThat(lines[0]).isEqualTo("key,address,name,value,unit");
        assertThat(lines)
                .hasSize(1 + Registers.MAP.all().size())
                .contains(
                        "serial-number,0x4000,Serial number,00001234,",
                        "voltage-l1,0x5002,L1 voltage,230.1,V",
                        "checksum,0x401B,Checksum,0607E329,");
    }

    @Test
    void jsonIsOneDocumentWithNumbersAndUnits() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Json.render(snapshot()));

        assertThat(root.get("requests").asInt()).isEqualTo(3);
        assertThat(root.get("bytesReceived").asInt()).isEqualTo(355);
        assertThat(root.at("/registers/voltage-l1/value").decimalValue()).isEqualByComparingTo("230.1");
        assertThat(root.at("/registers/voltage-l1/unit").asText()).isEqualTo("V");
        assertThat(root.at("/registers/serial-number/value").asText()).isEqualTo("00001234");
        assertThat(root.at("/registers/tariff/value").asInt()).isEqualTo(3);
        assertThat(root.get("registers").size()).isEqualTo(Registers.MAP.all().size());
    }

    @Test
    void theTableNamesSettingsAndPutsPhasesSideBySide() {
        String table = Table.render(snapshot());

        assertThat(table)
                .contains("Parity", "even", "Backlight", "off", "T3", "0607E329", "00001234")
                .containsPattern("Instantaneous +L1 +L2 +L3 +total")
                .containsPattern("Voltage \\(V\\) +230\\.1 +0\\.0 +0\\.0")
                .containsPattern("Energy +all +T1 +T2 +T3 +L1 +L2 +L3")
                .containsPattern("Active forward \\(kWh\\) +0\\.00");
    }

    @Test
    void aPartialSnapshotShowsOnlyWhatWasRead() {
        Map<Register<?>, Object> values = new LinkedHashMap<>(snapshot().values());
        values.keySet().retainAll(Group.T2.registers());
        String table = Table.render(new Snapshot(Instant.EPOCH, 1, values, Traffic.NONE));

        assertThat(table).doesNotContain("Instantaneous", "Identity").containsPattern("Energy +T2\n");
    }
}
