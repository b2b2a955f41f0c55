package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.twin.fault.FaultJson;

/**
 * Faults seen by mbpoll (libmodbus) on Modbus TCP and on RTU over a socat pty pair: each as
 * libmodbus words the failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MbpollFaultInteropTest {

    @TempDir
    static Path dir;

    private Socat ptys;
    private InteropTwin twin;
    private Path client;

    @BeforeAll
    void start() throws Exception {
        ExternalTools.MBPOLL.require();
        Path twinEnd = dir.resolve("twin");
        client = dir.resolve("client");
        ptys = Socat.ptyPair(twinEnd, client);
        twin = InteropTwin.start(dir.resolve("state"), b -> b.serial(twinEnd.toString()));
    }

    @AfterAll
    void stop() {
        try {
            if (twin != null) {
                twin.close();
            }
        } finally {
            if (ptys != null) {
                ptys.close();
            }
        }
    }

    private Mbpoll mbpoll(String link) {
        Settings s = twin.twin().meter(1).meter().settings();
        return link.equals("rtu") ? Mbpoll.rtu(client, s.baud(), s.parity()) : Mbpoll.tcp(twin.tcp());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"drop\":{}}|tcp|Connection timed out",
                "{\"drop\":{}}|rtu|Connection timed out",
                "{\"exception\":{\"code\":6}}|tcp|Slave device or server is busy",
                "{\"exception\":{\"code\":6}}|rtu|Slave device or server is busy",
                "{\"exception\":{\"code\":2}}|rtu|Illegal data address",
                "{\"corruptCrc\":{}}|rtu|Invalid CRC"
            })
    void libmodbusSeesTheFault(String faults, String link, String failure) throws Exception {
        twin.twin().meter(1).faults().replace(FaultJson.read(new ObjectMapper().readTree(faults)));
        try {
            Mbpoll.Output out = mbpoll(link).readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3);

            assertThat(out.failure())
                    .as("%s", out)
                    .hasValueSatisfying(f -> assertThat(f).contains(failure));
        } finally {
            twin.twin().meter(1).faults().clear();
        }
        mbpoll(link)
                .readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3)
                .assertSucceeded();
    }
}
