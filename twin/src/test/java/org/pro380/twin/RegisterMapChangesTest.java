package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.meter.StorageError;
import org.pro380.registers.Registers;

/**
 * What a real meter and the maker's software have in 0x400B and 0x4015 (spec section 5), from the
 * one register map through the running twin to the client: the meter amps in one register with
 * 0x400C reading 0, and the code of the storage error the LCD shows.
 */
class RegisterMapChangesTest {

    @TempDir
    Path dir;

    private TwinConfig.Builder config(Path state) {
        return TwinConfig.builder(state).tcp(HostPort.loopback(0)).http(null).saveInterval(Duration.ofDays(3650));
    }

    private static Pro380Client client(Twin twin) throws Exception {
        int port = twin.tcpAddress().orElseThrow().getPort();
        return Pro380Client.connect(ClientConfig.of(new Endpoint.ModbusTcp("127.0.0.1", port)));
    }

    @Test
    void meterAmpsIsOneRegisterAndTheNextReadsZero() throws Exception {
        try (Twin twin = Twin.start(config(dir.resolve("state")).build());
                Pro380Client client = client(twin)) {
            int[] words = client.link().readRegisters(1, 0x400B, 2);

            assertThat(words).containsExactly(45, 0);
            assertThat(client.read(Registers.METER_AMPS)).isEqualTo(45);
            assertThat(client.snapshot().identity().meterAmps()).isEqualTo(45);
        }
    }

    @Test
    void theStorageErrorTheLcdShowsIsInTheErrorCodeRegister() throws Exception {
        Path state = dir.resolve("state");
        try (Twin twin = Twin.start(config(state).build());
                Pro380Client client = client(twin)) {
            assertThat(client.snapshot().errorCode()).as("no error").isZero();
        }
        // a copy that cannot be read, even by root: ERR 0F at the next power-on
        Path main = state.resolve("main.nv");
        Files.delete(main);
        Files.createSymbolicLink(main, Files.createDirectory(dir.resolve("in-the-way")));

        try (Twin twin = Twin.start(config(state).build());
                Pro380Client client = client(twin)) {
            // the energy block answers exception 04 while the counters are unknown: read the identity block
            Snapshot s = client.read(List.of(Registers.ERROR_CODE, Registers.STATUS_WORD));

            assertThat(twin.meter(1).reading().storageError()).contains(StorageError.ERR_0F);
            assertThat(s.errorCode()).isEqualTo(0x0F);
            assertThat(ValueText.human(Registers.ERROR_CODE, s.get(Registers.ERROR_CODE)))
                    .isEqualTo("0x0F");
            assertThat(s.statusWord() >>> 24)
                    .as("the status word's error byte agrees")
                    .isEqualTo(0x0F);
        }
    }
}
