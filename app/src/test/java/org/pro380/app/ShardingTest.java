package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes that each run one slice of a site: no two meters share a serial number. */
class ShardingTest {

    private static final Pattern MODBUS_PORT = Pattern.compile("Modbus TCP on [^:]+:(\\d+)");

    @Test
    void twoSlicesOfASiteCountTheirSerialNumbersOnFromEachOther(@TempDir Path dir) throws Exception {
        List<String> serials = new ArrayList<>();
        for (int slice = 0; slice < 2; slice++) {
            try (TwinProcess twin = TwinProcess.start(
                    dir.resolve("state" + slice),
                    "--meters",
                    "3",
                    "--sites",
                    "2",
                    "--site-index",
                    String.valueOf(slice))) {
                assertThat(twin.startupOutput())
                        .contains("shard " + slice + " of 2: meters " + (3 * slice + 1) + ".." + (3 * slice + 3)
                                + " of the site");
                int port = modbusPort(twin);
                for (int unit = 1; unit <= 3; unit++) {
                    serials.add(serialNumber(port, unit));
                }
            }
        }
        assertThat(serials).containsExactly("22091039", "22091040", "22091041", "22091042", "22091043", "22091044");
    }

    private static int modbusPort(TwinProcess twin) {
        for (String line : twin.startupOutput()) {
            Matcher m = MODBUS_PORT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no Modbus TCP port in " + twin.startupOutput());
    }

    /** The serial number (0x4000, bcd32) of {@code unit}, read over Modbus TCP. */
    private static String serialNumber(int port, int unit) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[] {0, 1, 0, 0, 0, 6, (byte) unit, 3, 0x40, 0, 0, 2});
            byte[] reply = new byte[13];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            assertThat(reply[7])
                    .as("function code of the reply to unit %d", unit)
                    .isEqualTo((byte) 3);
            return String.format("%02x%02x%02x%02x", reply[9], reply[10], reply[11], reply[12]);
        }
    }
}
