package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.testkit.WrittenOutEquals.assertCoversEveryComponent;

import org.junit.jupiter.api.Test;

class LineSettingsTest {

    @Test
    void bitsPerCharacter() {
        assertThat(Parity.EVEN.bitsPerCharacter()).isEqualTo(11);
        assertThat(Parity.NONE.bitsPerCharacter()).isEqualTo(10);
        assertThat(Parity.ODD.bitsPerCharacter()).isEqualTo(11);
    }

    @Test
    void at9600EvenParity() {
        LineSettings timing = new LineSettings(9600, Parity.EVEN);

        assertThat(timing.characterNanos()).isEqualTo(1_145_833L);
        assertThat(timing.frameNanos(8)).isEqualTo(8 * 1_145_833L);
        assertThat(timing.frameNanos(0)).isZero();
        assertThat(timing.interFrameGapNanos()).isEqualTo(4_010_416L);
        assertThat(timing.interCharacterTimeoutNanos()).isEqualTo(1_718_750L);
    }

    @Test
    void at9600NoParityACharacterHasTenBits() {
        LineSettings timing = new LineSettings(9600, Parity.NONE);

        assertThat(timing.characterNanos()).isEqualTo(1_041_666L);
        assertThat(timing.interFrameGapNanos()).isEqualTo(3_645_833L);
    }

    @Test
    void at300BaudTheGapIsLong() {
        assertThat(new LineSettings(300, Parity.ODD).interFrameGapNanos()).isEqualTo(128_333_333L);
    }

    @Test
    void at19200TheGapIsStillThreeAndAHalfCharacters() {
        assertThat(new LineSettings(19200, Parity.EVEN).interFrameGapNanos()).isEqualTo(2_005_208L);
    }

    @Test
    void above19200TheGapIsFixed() {
        LineSettings timing = new LineSettings(38400, Parity.EVEN);

        assertThat(timing.characterNanos()).isEqualTo(286_458L);
        assertThat(timing.interFrameGapNanos()).isEqualTo(1_750_000L);
        assertThat(timing.interCharacterTimeoutNanos()).isEqualTo(750_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new LineSettings(0, Parity.EVEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baud must be > 0, got 0");
        assertThatThrownBy(() -> new LineSettings(9600, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LineSettings(9600, Parity.EVEN).frameNanos(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenAsPeopleWriteALine() {
        assertThat(LineSettings.FACTORY).hasToString("9600 8E1");
        assertThat(new LineSettings(19200, Parity.NONE)).hasToString("19200 8N1");
    }

    @Test
    void equalsAndHashCodeCoverEveryComponent() {
        LineSettings base = new LineSettings(9600, Parity.EVEN);

        assertCoversEveryComponent(base, new LineSettings(4800, Parity.EVEN), new LineSettings(9600, Parity.ODD));
    }
}
