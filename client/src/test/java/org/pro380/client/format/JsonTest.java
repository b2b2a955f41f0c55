package org.pro380.client.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pro380.client.Snapshot;
import org.pro380.client.Traffic;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

class JsonTest {

    @Test
    void anF32IsWrittenAsItsShortestText() {
        assertThat(Json.f32(3.2f).toString()).isEqualTo("3.2");
        assertThat(Json.f32(3.200000047683716).toString()).isEqualTo("3.2");
        assertThat(Json.f32(1.0924999999999998).toString()).isEqualTo("1.0925");
        assertThat(Json.f32(230.1f).toString()).isEqualTo("230.1");
        assertThat(Json.f32(0).toString()).isEqualTo("0.0");
        assertThat(Json.f32(-0.5f).toString()).isEqualTo("-0.5");
    }

    @Test
    void whatJsonCannotHoldIsAString() {
        assertThat(Json.f32(Double.NaN).toString()).isEqualTo("\"NaN\"");
        assertThat(Json.f32(Double.POSITIVE_INFINITY).toString()).isEqualTo("\"Infinity\"");
    }

    @Test
    void aSnapshotsMeasurementsAreTheirShortestText() {
        Map<Register<?>, Object> values = new LinkedHashMap<>();
        values.put(Registers.VOLTAGE_L1, (double) 230.1f);
        values.put(Registers.POWER_FACTOR, 1.0924999999999998);
        String json = Json.render(new Snapshot(Instant.EPOCH, 1, values, Traffic.NONE));

        assertThat(json).contains("\"value\" : 230.1,", "\"value\" : 1.0925").doesNotContain("230.10000", "1.09249");
    }
}
