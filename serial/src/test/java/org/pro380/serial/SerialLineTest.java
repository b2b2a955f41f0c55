package org.pro380.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

class SerialLineTest {

    private static final LineSettings LINE = new LineSettings(9600, Parity.EVEN);

    @Test
    void aMissingPathIsNotFoundRatherThanAnotherDeviceOfTheSameName(@TempDir Path dir) {
        // jSerialComm alone would open /dev/ptmx for <dir>/ptmx
        assertThatThrownBy(() -> SerialLine.open(dir.resolve("ptmx").toString(), LINE, 100))
                .isInstanceOf(SerialLineException.class)
                .hasMessage("serial device " + dir.resolve("ptmx") + " not found");
    }

    @Test
    void aMissingDeviceIsNotFound() {
        assertThatThrownBy(() -> SerialLine.open("/dev/ttyUSB97", LINE, 100))
                .isInstanceOf(SerialLineException.class)
                .hasMessageContaining("/dev/ttyUSB97");
    }

    @Test
    void aRegularFileIsNotASerialDevice(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-tty"), "x");
        assertThatThrownBy(() -> SerialLine.open(file.toString(), LINE, 100))
                .isInstanceOf(SerialLineException.class)
                .hasMessageStartingWith("cannot open serial device " + file);
    }

    @Test
    void ptysAreToldFromRealPorts() {
        assertThat(SerialLine.isPseudoTerminal("/dev/null")).isFalse();
        assertThat(SerialLine.isPseudoTerminal("/no/such/device")).isFalse();
    }
}
