package org.pro380.twin.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.twin.TwinConfig;

class CaptureSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "4096, 4096",
        "512KB, 524288",
        "10MB, 10485760",
        "10 mb, 10485760",
        "1GiB, 1073741824",
        "2k, 2048",
        "3M, 3145728",
        "1024B, 1024"
    })
    void aSizeIsBytesOrKbMbGbOf1024(String text, long bytes) {
        assertThat(CaptureSettings.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "-1MB", "1.5MB", "10TB", "ten", "99999999999999GB"})
    void aBadSizeIsOneClearLine(String text) {
        assertThatThrownBy(() -> CaptureSettings.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capture size")
                .hasMessageNotContaining("\n");
    }

    @Test
    void noCaptureUnlessAFileIsGivenAndItsBoundsAreChecked(@org.junit.jupiter.api.io.TempDir Path dir) {
        TwinConfig plain = TwinConfig.forTests(dir).build();
        assertThat(plain.capture().file()).isEmpty();
        assertThat(plain.capture().fileBytes()).isEqualTo(100L << 20);
        assertThat(plain.capture().files()).isEqualTo(10);

        TwinConfig capturing = TwinConfig.forTests(dir)
                .capture(dir.resolve("t.pcapng"))
                .captureSize("1MB")
                .captureFiles(3)
                .build();
        assertThat(capturing.capture())
                .isEqualTo(new CaptureSettings(java.util.Optional.of(dir.resolve("t.pcapng")), 1 << 20, 3));

        assertThatThrownBy(() -> TwinConfig.forTests(dir).captureSize("512"))
                .hasMessage("a capture file must be allowed at least 1KB, got 512 bytes");
        assertThatThrownBy(() -> TwinConfig.forTests(dir).captureFiles(0))
                .hasMessage("a capture needs at least 1 file, got 0");
    }
}
