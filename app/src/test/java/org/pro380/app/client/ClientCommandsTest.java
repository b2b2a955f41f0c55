package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.app.ExitCode;
import org.pro380.app.client.TwinRig.Transport;
import org.pro380.client.Group;
import org.pro380.registers.Registers;

/** Every client command against the twin, over Modbus TCP, RTU over TCP and a socat pty pair. */
class ClientCommandsTest {
    @TempDir
    Path dir;

    private TwinRig rig;

    private TwinRig rig(Transport transport) throws Exception {
        rig = TwinRig.start(dir, transport);
        return rig;
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readShowsEveryRegisterAsATableInThreeRequests(Transport transport) throws Exception {
        Cli.Result r = Cli.run(rig(transport).args(transport, "read"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(": 3 requests,", "Serial number", "Meter ID              1", "Parity                even")
                .containsPattern("Instantaneous +L1 +L2 +L3 +total")
                .containsPattern("Voltage \\(V\\) +230\\.0 +230\\.0 +230\\.0")
                .containsPattern("Energy +all +T1 +T2 +T3 +L1 +L2 +L3");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readAsJsonIsOneDocumentOfTheWholeMap(Transport transport) throws Exception {
        Cli.Result r = Cli.run(rig(transport).args(transport, "read", "--format", "json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("requests").asInt()).isEqualTo(3);
        assertThat(root.get("registers").size()).isEqualTo(Registers.MAP.all().size());
        assertThat(root.at("/registers/serial-number/value").asText())
                .isEqualTo(String.format("%08d", rig.twin.config().identity().serialNumber()));
        assertThat(root.at("/registers/voltage-l1/value").asDouble()).isEqualTo(230.0);
        int rtuBytes = 3 * 8 + (5 + 2 * 34) + (5 + 2 * 48) + (5 + 2 * 88);
        int tcpBytes = 3 * 12 + (9 + 2 * 34) + (9 + 2 * 48) + (9 + 2 * 88);
        assertThat(root.get("bytesSent").asInt() + root.get("bytesReceived").asInt())
                .isEqualTo(transport == Transport.TCP ? tcpBytes : rtuBytes);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readOfGroupsAndNamesAsCsv(Transport transport) throws Exception {
        Cli.Result r = Cli.run(rig(transport).args(transport, "read", "energy", "l2", "tariff", "-f", "csv"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        long expectedRows =
                Group.select(java.util.List.of("energy", "l2", "tariff")).size();
        assertThat(r.out().lines()).first().isEqualTo("key,address,name,value,unit");
        assertThat(r.out().lines().count()).isEqualTo(1 + expectedRows);
        assertThat(r.out()).contains("\nvoltage-l2,0x5004,L2 voltage,230.0,V\n", "\ntariff,0x6048,Tariff,1,\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void setWritesChecksAndReadsBack(Transport transport) throws Exception {
        TwinRig twin = rig(transport);
        Cli.Result r = Cli.run(
                twin.args(transport, "set", "lcd-cycle=25", "backlight=off", "tariff=2", "reset-power-counter"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "lcd-cycle-time = 25 (read back)",
                        "backlight = off (read back)",
                        "tariff = T2 (read back)",
                        "power-counter = 0 (read back)");
        Cli.Result read = Cli.run(twin.args(transport, "read", "settings", "-f", "csv"));
        assertThat(read.out())
                .contains(
                        "lcd-cycle-time,0x4010,LCD cycle time,25,s",
                        "backlight,0x4021,Backlight,2,",
                        "tariff,0x6048,Tariff,2,",
                        "power-counter,0x4016,Power on/off counter,0,");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterNewIdBaudAndParityTheClientFollowsTheMeter(Transport transport) throws Exception {
        TwinRig twin = rig(transport);
        Cli.Result r = Cli.run(twin.args(transport, "set", "id=17", "baud=4800", "parity=odd"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("meter-id = 17 (read back)", "baud-rate = 4800 (read back)", "parity = odd (read back)");
        if (transport == Transport.SERIAL) {
            assertThat(r.out()).contains("now at unit 17, 4800 8O1");
        }
        Cli.Result read = Cli.run(twin.args(
                transport,
                "read",
                "meter-id",
                "baud-rate",
                "parity",
                "-a",
                "17",
                "-b",
                "4800",
                "-P",
                "odd",
                "-f",
                "csv"));
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.out())
                .contains(
                        "meter-id,0x4003,Meter ID,17,", "baud-rate,0x4004,Baud rate,4800,", "parity,0x4011,Parity,3,");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scanFindsTheLoneMeterAtUnitZero(Transport transport) throws Exception {
        TwinRig twin = rig(transport);
        Cli.Result set = Cli.run(twin.args(transport, "set", "id=33"));
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("meter-id = 33 (read back)");

        Cli.Result r = Cli.run(twin.args(transport, "scan"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        String.format(
                                "33   %08d  0x", twin.twin.config().identity().serialNumber()),
                        "9600 8E1");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scanOfARangeAsksEachId(Transport transport) throws Exception {
        TwinRig twin = rig(transport);

        Cli.Result r = Cli.run(twin.args(transport, "scan", "--ids", "1..3", "--every-id", "--id-timeout", "100ms"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("1 "))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void watchRefreshesTheTable(Transport transport) throws Exception {
        Cli.Result r = Cli.run(
                rig(transport).args(transport, "watch", "instantaneous", "--interval", "100ms", "--count", "3"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().split("Instantaneous", -1)).hasSize(4);
        assertThat(r.out()).contains(": 2 requests,");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void setSaysWhereTheMeterIsOnlyWhenItMoved(Transport transport) throws Exception {
        TwinRig twin = rig(transport);
        String line = transport == Transport.SERIAL ? ", 9600 8E1" : "";

        Cli.Result moved = Cli.run(twin.args(transport, "set", "-a", "0", "id=7", "lcd-cycle=12"));
        Cli.Result stayed = Cli.run(twin.args(transport, "set", "-a", "0", "lcd-cycle=13"));
        Cli.Result atZero = Cli.run(twin.args(transport, "set", "-a", "0", "parity=even"));

        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.out()).contains("meter-id = 7 (read back)").endsWith("now at unit 7" + line + "\n");
        assertThat(stayed.exitCode()).as(stayed.toString()).isZero();
        assertThat(stayed.out()).isEqualTo("lcd-cycle-time = 13 (read back)\n");
        assertThat(atZero.exitCode()).as(atZero.toString()).isZero();
        assertThat(atZero.out())
                .as("asked at unit 0, the meter's id as it reads")
                .endsWith("now at unit 7" + line + "\n");
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"TCP", "RTU_TCP"})
    void aNewBaudOverTcpRemindsThatAGatewaysSerialSideMustFollow(Transport transport) throws Exception {
        TwinRig twin = rig(transport);

        Cli.Result r = Cli.run(twin.args(transport, "set", "baud=4800", "parity=odd"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err())
                .isEqualTo("note: the meter's line is now baud-rate 4800, parity odd; if a gateway links "
                        + (transport == Transport.TCP ? "Modbus TCP " : "RTU over TCP ")
                        + twin.flags(transport).get(1)
                        + " to the RS485 line, set the gateway's serial side to match\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registerKeysAndAliasesWorkAlikeInSetReadAndTheControlApi(Transport transport) throws Exception {
        TwinRig twin = rig(transport);

        Cli.Result set = Cli.run(twin.args(transport, "set", "lcd-cycle-time=21"));
        Cli.Result read = Cli.run(twin.args(transport, "read", "lcd-cycle", "-f", "csv"));
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://"
                                        + TwinRig.hostPort(
                                                twin.twin.httpAddress().orElseThrow()) + "/api/registers/lcd-cycle"))
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": 22}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Cli.Result again = Cli.run(twin.args(transport, "read", "lcd-cycle-time", "-f", "csv"));

        assertThat(set.out()).as(set.toString()).isEqualTo("lcd-cycle-time = 21 (read back)\n");
        assertThat(read.out()).as(read.toString()).endsWith("\nlcd-cycle-time,0x4010,LCD cycle time,21,s\n");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(again.out()).endsWith("\nlcd-cycle-time,0x4010,LCD cycle time,22,s\n");
    }

    @Test
    void scanOfAPtyAtEverySettingListsTheMeterOnceAndSaysWhy() throws Exception {
        TwinRig twin = rig(Transport.SERIAL);

        Cli.Result r = Cli.run(twin.args(Transport.SERIAL, "scan", "--all-settings", "--id-timeout", "100ms"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().skip(1))
                .as(r.toString())
                .singleElement()
                .asString()
                .startsWith("1    ")
                .endsWith("9600 8E1 and 17 more settings");
        assertThat(r.err())
                .startsWith("note: unit 1 answered at 18 line settings")
                .hasLineCount(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"TCP", "RTU_TCP"})
    void scanWithAllSettingsOverTcpSaysItScansIdsOnly(Transport transport) throws Exception {
        Cli.Result r = Cli.run(rig(transport).args(transport, "scan", "--all-settings"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err())
                .startsWith("note: --all-settings is for serial ports")
                .hasLineCount(1);
        assertThat(r.out().lines()).hasSize(2);
    }

    @Test
    void theWrongTransportIsRecognisedAndTheRightOneNamed() throws Exception {
        TwinRig twin = rig(Transport.TCP);
        String tcp = TwinRig.hostPort(twin.twin.tcpAddress().orElseThrow());
        String rtu = TwinRig.hostPort(twin.twin.rtuTcpAddress().orElseThrow());
        String http = TwinRig.hostPort(twin.twin.httpAddress().orElseThrow());

        Cli.Result tcpAtRtu = Cli.run("read", "tariff", "--tcp", rtu, "--timeout", "2s", "--retries", "0");
        Cli.Result rtuAtTcp = Cli.run("read", "tariff", "--rtu-tcp", tcp, "--timeout", "2s");
        Cli.Result tcpAtHttp = Cli.run("read", "tariff", "--tcp", http, "--timeout", "2s");
        Cli.Result rtuAtHttp = Cli.run("read", "tariff", "--rtu-tcp", http, "--timeout", "2s");

        assertThat(tcpAtRtu.exitCode()).as(tcpAtRtu.toString()).isEqualTo(ExitCode.FAILED.code());
        assertThat(tcpAtRtu.err())
                .isEqualTo(
                        "pro380: timeout: no reply from unit 1 at " + rtu
                                + " within 2000 ms (1 attempt), but it answers RTU frames: this looks like an RTU-over-TCP port; try --rtu-tcp\n");
        assertThat(rtuAtTcp.exitCode()).as(rtuAtTcp.toString()).isEqualTo(ExitCode.FAILED.code());
        assertThat(rtuAtTcp.err())
                .as(rtuAtTcp.toString())
                .isEqualTo("pro380: connection closed by " + tcp
                        + ", but it answers Modbus TCP: this looks like a Modbus TCP port; try --tcp\n");
        for (Cli.Result r : List.of(tcpAtHttp, rtuAtHttp)) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILED.code());
            assertThat(r.err())
                    .isEqualTo("pro380: " + http + " answered \"HTTP/1.1 400 Bad Request\": "
                            + "this looks like an HTTP server, not a Modbus port\n");
        }
    }
}
