package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.StorageError;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

class StateDocumentTest extends ServerTestBase {

    @Test
    void stateIsJson() {
        HttpResponse<String> response = client.get("/api/state");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void registersListEveryRegisterOfTheMapInAddressOrder() {
        JsonNode registers = client.state().get("registers");

        List<String> keys = new ArrayList<>();
        registers.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactlyElementsOf(
                        Registers.MAP.all().stream().map(Register::key).toList());
        for (Register<?> r : Registers.MAP.all()) {
            JsonNode entry = registers.get(r.key());
            assertThat(entry.get("address").textValue()).as(r.key()).isEqualTo(String.format("0x%04X", r.address()));
            assertThat(entry.get("name").textValue()).as(r.key()).isEqualTo(r.name());
            assertThat(entry.get("unit").textValue())
                    .as(r.key())
                    .isEqualTo(r.unit().symbol());
            assertThat(entry.get("writable").booleanValue()).as(r.key()).isEqualTo(r.writable());
            assertThat(entry.has("value")).as(r.key()).isTrue();
        }
    }

    @Test
    void registerValuesAreDecodedByType() {
        JsonNode registers = client.state().get("registers");

        assertThat(registers.get("voltage-l1").get("value").doubleValue()).isEqualTo(230.0);
        assertThat(registers.get("voltage-l1").get("unit").textValue()).isEqualTo("V");
        assertThat(registers.get("current-l1").get("value").doubleValue()).isEqualTo(10.0);
        assertThat(registers.get("serial-number").get("value").intValue()).isEqualTo(22091039);
        assertThat(registers.get("lcd-cycle-time").get("value").intValue()).isEqualTo(10);
        assertThat(registers.get("direction-l1").get("value").textValue()).isEqualTo("1F");
        assertThat(registers.get("checksum").get("value").textValue()).isEqualTo("0x0607E329");
        assertThat(registers.get("checksum").get("number").longValue()).isEqualTo(0x0607E329L);
        assertThat(registers.get("status-word").get("value").textValue()).matches("0x[0-9A-F]{8}");
    }

    @Test
    void everyF32IsItsShortestTextAsTheMeterHoldsIt() {
        client.put(
                "/api/load",
                "{\"frequency\":49.9,\"phases\":["
                        + "{\"voltage\":230.1,\"current\":3.2,\"powerFactor\":0.95},"
                        + "{\"voltage\":230.1,\"current\":3.2,\"powerFactor\":0.95},"
                        + "{\"voltage\":230.1,\"current\":3.2,\"powerFactor\":0.95}]}");
        JsonNode registers = client.state().get("registers");

        assertThat(registers.at("/voltage-l1/value").asText()).isEqualTo("230.1");
        assertThat(registers.at("/current-l1/value").asText()).isEqualTo("3.2");
        for (Register<?> r : Registers.MAP.all()) {
            JsonNode value = registers.get(r.key()).get("value");
            if (r.type().javaType() == Double.class && value.isNumber()) {
                assertThat(value.asText()).as(r.key()).isEqualTo(Float.toString(value.floatValue()));
            }
        }
    }

    @Test
    void stateShowsTheMeterAsAWhole() {
        JsonNode state = client.state();

        assertThat(state.get("powered").booleanValue()).isTrue();
        assertThat(state.get("time").textValue()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(state.get("unitId").intValue()).isEqualTo(1);
        assertThat(state.get("baud").intValue()).isEqualTo(9600);
        assertThat(state.get("parity").textValue()).isEqualTo("even");
        assertThat(state.get("tariffInput").textValue()).isEqualTo("none");
        assertThat(state.get("activeTariff").intValue()).isEqualTo(1);
        assertThat(state.get("storageError").isNull()).isTrue();
        // docs/decisions.md: a fresh meter after one power-on with import load, as a real one read
        assertThat(state.get("statusWord").textValue()).isEqualTo("0x00110111");
        assertThat(state.get("powerCounter").intValue()).isEqualTo(1);
    }

    @Test
    void lcdShowsTheCurrentPageAndTheCycle() {
        JsonNode lcd = client.state().get("lcd");

        assertThat(lcd.get("text").textValue()).isEqualTo("0.00 kWh");
        assertThat(lcd.get("page").textValue()).isEqualTo("total");
        assertThat(lcd.get("pages"))
                .extracting(JsonNode::textValue)
                .containsExactly("0.00 kWh", "T1 0.00 kWh", "T2 0.00 kWh", "T3 0.00 kWh", "CRC 0607E329");
        assertThat(lcd.get("backlight").booleanValue()).isTrue();
    }

    @Test
    void ledsShowPulsesAndTariff() {
        JsonNode leds = client.state().get("leds");

        assertThat(leds.get("pulse").get("count").longValue()).isZero();
        // household load: 230 V x (10 x 0.98 + 5 x 0.95 + 2 x 0.9) = 3760.5 W; 10,000 impulses per kWh
        assertThat(leds.get("pulse").get("perSecond").doubleValue()).isCloseTo(3.7605 * 10_000 / 3600, within(1e-9));
        assertThat(leds.get("tariff").get("state").textValue()).isEqualTo("off");
        assertThat(leds.get("tariff").get("lit").booleanValue()).isFalse();
    }

    @Test
    void loadHasTheShapeOfThePutBody() {
        JsonNode load = client.state().get("load");

        assertThat(load.get("frequency").doubleValue()).isEqualTo(50.0);
        assertThat(load.get("phases")).hasSize(3);
        JsonNode l1 = load.get("phases").get(0);
        assertThat(l1.get("voltage").doubleValue()).isEqualTo(230.0);
        assertThat(l1.get("current").doubleValue()).isEqualTo(10.0);
        assertThat(l1.get("powerFactor").doubleValue()).isEqualTo(0.98);
        assertThat(l1.get("export").booleanValue()).isFalse();
        assertThat(l1.get("capacitive").booleanValue()).isFalse();
    }

    @Test
    void storageErrorShowsCodeTextAndMeaning() {
        twin.meter.powerOff();
        twin.meter.powerOn(twin.meter.storedState(), Optional.of(StorageError.ERR_0D));

        JsonNode state = client.state();

        JsonNode error = state.get("storageError");
        assertThat(error.get("code").textValue()).isEqualTo("0d");
        assertThat(error.get("text").textValue()).isEqualTo("ERR 0d");
        assertThat(error.get("meaning").textValue()).isEqualTo(StorageError.ERR_0D.meaning());
        assertThat(state.get("lcd").get("pages").get(0).textValue()).isEqualTo("ERR 0d");
    }

    @Test
    void energyThatModbusCannotReadHasNoValue() {
        twin.meter.powerOff();
        twin.meter.powerOn(twin.meter.storedState(), Optional.of(StorageError.ERR_0F));

        JsonNode registers = client.state().get("registers");

        assertThat(registers.get("active-energy").get("value").isNull()).isTrue();
        assertThat(registers.get("active-energy").get("error").textValue()).contains("ERR 0F");
        assertThat(registers.get("voltage-l1").get("value").doubleValue()).isEqualTo(230.0);
    }
}
