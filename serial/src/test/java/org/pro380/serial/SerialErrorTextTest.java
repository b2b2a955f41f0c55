package org.pro380.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A serial error says what its errno means, not only its number. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SerialErrorTextTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "13|errno 13, permission denied: is the user in the dialout group?",
                "16|errno 16, in use by another program",
                "5|errno 5, input/output error: the adapter failed or was unplugged",
                "19|errno 19, no such device: the adapter is gone",
                "25|errno 25, not a terminal: this is no serial device",
                "99|errno 99, an error the system reported"
            })
    void errnoInWords(int errno, String text) {
        assertThat(File.separatorChar).isEqualTo('/');
        assertThat(SerialLine.errorText(errno)).isEqualTo(text);
    }
}
