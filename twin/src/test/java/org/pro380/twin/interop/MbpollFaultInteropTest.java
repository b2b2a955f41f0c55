package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.meter.MeterReading;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.testkit.Socat;
import org.pro380.twin.fault.FaultJson;

/**
 * Faults seen by mbpoll (libmodbus) on Modbus TCP and on RTU over a socat pty pair: each as
 * libmodbus words the failure; the faults that do not apply to a link, or that libmodbus
 * tolerates, read through.
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
                "{\"corruptCrc\":{}}|rtu|Invalid CRC",
                "{\"wrongTransaction\":{}}|tcp|Invalid data",
                "{\"disconnect\":{}}|tcp|Connection reset by peer"
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

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"swappedAB\":{}}|rtu|Connection timed out",
                "{\"noise\":{}}|rtu|Connection timed out", // the Modbus TCP port is a gateway onto the line
                "{\"swappedAB\":{}}|tcp|Target device failed to respond"
            })
    void libmodbusSeesTheLineFault(String faults, String link, String failure) throws Exception {
        twin.twin().buses().get(0).lineFaults().replace(FaultJson.readLine(new ObjectMapper().readTree(faults)));
        try {
            Mbpoll.Output out = mbpoll(link).readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3);

            assertThat(out.failure())
                    .as("%s", out)
                    .hasValueSatisfying(f -> assertThat(f).contains(failure));
        } finally {
            twin.twin().buses().get(0).lineFaults().clear();
        }
        mbpoll(link)
                .readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3)
                .assertSucceeded();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a serial line has no connection to close, nor a transaction id: the reply goes out
                "{\"disconnect\":{}}|rtu",
                "{\"wrongTransaction\":{}}|rtu",
                // libmodbus waits 500 ms between bytes: a gap of 3.5 characters does not break its read
                "{\"split\":{}}|rtu",
                "{\"split\":{}}|tcp"
            })
    void libmodbusReadsThroughAFaultThatDoesNotApplyOrThatItTolerates(String faults, String link) throws Exception {
        twin.twin().meter(1).faults().replace(FaultJson.read(new ObjectMapper().readTree(faults)));
        try {
            mbpoll(link)
                    .readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3)
                    .assertSucceeded();
        } finally {
            twin.twin().meter(1).faults().clear();
        }
    }

    @Test
    void aStuckMeterOverAPtyAnswersTheSameEnergyWhileTimeGoesOn() throws Exception {
        twin.twin().meter(1).faults().replace(FaultJson.read(new ObjectMapper().readTree("{\"stuck\":{}}")));
        try {
            MeterReading start = twin.reading();
            Map<Integer, String> first = mbpoll("rtu")
                    .readHex(twin.unitId(), Registers.ACTIVE_ENERGY.address(), 2)
                    .assertSucceeded()
                    .values();
            twin.awaitRise(start, Registers.ACTIVE_ENERGY);
            Map<Integer, String> second = mbpoll("rtu")
                    .readHex(twin.unitId(), Registers.ACTIVE_ENERGY.address(), 2)
                    .assertSucceeded()
                    .values();
            assertThat(first).hasSize(2);
            assertThat(second).isEqualTo(first);
        } finally {
            twin.twin().meter(1).faults().clear();
        }
    }

    @Test
    void aSplitWithAGapLongerThanLibmodbusWaitsBetweenBytesIsATimeout() throws Exception {
        twin.twin()
                .meter(1)
                .faults()
                .replace(FaultJson.read(new ObjectMapper().readTree("{\"split\":{\"gap\":\"700ms\",\"count\":1}}")));
        Mbpoll.Output out = mbpoll("rtu").readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3);
        assertThat(out.failure())
                .as("%s", out)
                .hasValueSatisfying(f -> assertThat(f).contains("Connection timed out"));
        // the second part arrives after libmodbus gave up: the next read may find it first, as a master's retry does
        Mbpoll.Output retried = out;
        for (int attempt = 0; attempt < 3 && retried.failure().isPresent(); attempt++) {
            retried = mbpoll("rtu").readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3);
        }
        retried.assertSucceeded();
    }
}
