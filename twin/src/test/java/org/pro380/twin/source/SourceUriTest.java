package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pro380.protocol.Parity;

class SourceUriTest {

    @Test
    void eachKindOfSourceWithItsDefaults() {
        assertThat(SourceUri.parse("mqtt://broker.lan/tele/meter/SENSOR"))
                .isEqualTo(new SourceUri.Mqtt("broker.lan", 1883, "tele/meter/SENSOR", false));
        assertThat(SourceUri.parse("mqtt://broker.lan:1884/shellies/+/emeter/#"))
                .isEqualTo(new SourceUri.Mqtt("broker.lan", 1884, "shellies/+/emeter/#", false));
        assertThat(SourceUri.parse("mqtts://broker.lan:8884/a"))
                .isEqualTo(new SourceUri.Mqtt("broker.lan", 8884, "a", true));
        assertThat(SourceUri.parse("modbus-tcp://127.0.0.1:5020?unit=7"))
                .isEqualTo(new SourceUri.ModbusTcp("127.0.0.1", 5020, 7));
        assertThat(SourceUri.parse("modbus-tcp://10.0.0.2")).isEqualTo(new SourceUri.ModbusTcp("10.0.0.2", 502, 1));
        assertThat(SourceUri.parse("rtu:/dev/ttyUSB0?baud=19200&parity=none&unit=3"))
                .isEqualTo(new SourceUri.Rtu("/dev/ttyUSB0", 19200, Parity.NONE, 3));
        assertThat(SourceUri.parse("rtu:/dev/ttyUSB0"))
                .isEqualTo(new SourceUri.Rtu("/dev/ttyUSB0", 9600, Parity.EVEN, 1));
    }

    @Test
    void aSourceNeverShowsItsPassword() {
        assertThat(SourceSpec.of("mqtt://h/t").withLogin("twin", "s3cret").toString())
                .isEqualTo("mqtt://h:1883/t as twin, stale after 10000 ms: silent")
                .doesNotContain("s3cret");
    }

    @Test
    void badSourcesAreOneLineEach() {
        assertThatThrownBy(() -> SourceUri.parse("http://x/y"))
                .hasMessageStartingWith("source \"http://x/y\": expected mqtt://");
        assertThatThrownBy(() -> SourceUri.parse("mqtt://broker:1883"))
                .hasMessage("source \"mqtt://broker:1883\": no topic (mqtt://HOST:PORT/TOPIC)");
        assertThatThrownBy(() -> SourceUri.parse("mqtt://h/a/#/b"))
                .hasMessage("source \"mqtt://h/a/#/b\": topic \"a/#/b\" is no MQTT topic filter");
        assertThatThrownBy(() -> SourceUri.parse("modbus-tcp://h:502?unit=300"))
                .hasMessage("source \"modbus-tcp://h:502?unit=300\": unit must be 1..247, got \"300\"");
        assertThatThrownBy(() -> SourceUri.parse("modbus-tcp://h:502?id=3"))
                .hasMessage("source \"modbus-tcp://h:502?id=3\": unknown option \"id\" (expected unit)");
        assertThatThrownBy(() -> SourceUri.parse("rtu:/dev/x?parity=mark"))
                .hasMessage("source \"rtu:/dev/x?parity=mark\": parity must be even, none or odd, got 'mark'");
        assertThatThrownBy(() -> SourceUri.parse("rtu:?unit=1"))
                .hasMessage("source \"rtu:?unit=1\": no serial device (rtu:PATH?unit=N)");
        assertThatThrownBy(() -> StaleMode.parse("loud"))
                .hasMessage("on-stale must be one of silent, zero, hold, got \"loud\"");
        assertThatThrownBy(() -> SourceSpec.of("modbus-tcp://h:502").withLogin("u", "p"))
                .hasMessage("a source map, user name and password are for MQTT sources, not modbus-tcp://h:502?unit=1");
        assertThatThrownBy(() -> SourceSpec.of("mqtt://h/t").withStaleAfter(java.time.Duration.ofMillis(50)))
                .hasMessage("stale-after must be 100 ms .. 1 day, got 50 ms");
    }
}
