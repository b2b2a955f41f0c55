package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.client.TwinRig.Transport;
import org.pro380.registers.Registers;

/** {@code pro380 watch --format json|csv}: one line per reading, for pipelines. */
class WatchFormatsTest {
    @TempDir
    Path dir;

    private TwinRig rig;

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void jsonIsOneObjectPerLineWithEveryRegister() throws Exception {
        rig = TwinRig.start(dir, Transport.TCP);
        Cli.Result r = Cli.run(rig.args(Transport.TCP, "watch", "--format", "json", "-n", "3", "-i", "50ms"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode reading = new ObjectMapper().readTree(line);
            assertThat(reading.get("unitId").asInt()).isEqualTo(1);
            assertThat(reading.get("registers")).hasSize(Registers.MAP.all().size());
            assertThat(reading.at("/registers/serial-number/value").asText()).isEqualTo("22091039");
            assertThat(reading.at("/registers/voltage-l1/value").asDouble()).isEqualTo(230.0);
        }
    }

    @Test
    void csvIsOneHeaderThenOneLinePerReadingOfTheChosenRegisters() throws Exception {
        rig = TwinRig.start(dir, Transport.RTU_TCP);
        Cli.Result r = Cli.run(rig.args(
                Transport.RTU_TCP,
                "watch",
                "-f",
                "csv",
                "-n",
                "2",
                "-i",
                "50ms",
                "serial-number",
                "voltage-l1",
                "direction-l1"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("time,unit_id,serial-number,direction-l1,voltage-l1");
        for (String line : lines.subList(1, 3)) {
            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT[^,]+Z,1,22091039,1F,230.0");
        }
    }

    @Test
    void anUnknownFormatIsOneLineAndNothingIsRead() {
        Cli.Result r = Cli.run("watch", "--tcp", "127.0.0.1:1", "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pro380: format must be table, json or csv, got 'xml'\n");
    }
}
