package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineTimingTest {

  @Test
  void bitsPerCharacter() {
    assertThat(Parity.EVEN.bitsPerCharacter()).isEqualTo(11);
    assertThat(Parity.NONE.bitsPerCharacter()).isEqualTo(10);
    assertThat(Parity.ODD.bitsPerCharacter()).isEqualTo(11);
  }

  @Test
  void at9600EvenParity() {
    LineTiming timing = new LineTiming(9600, Parity.EVEN);

    assertThat(timing.characterNanos()).isEqualTo(1_145_833L);
    assertThat(timing.frameNanos(8)).isEqualTo(8 * 1_145_833L);
    assertThat(timing.frameNanos(0)).isZero();
    assertThat(timing.interFrameGapNanos()).isEqualTo(4_010_416L);
    assertThat(timing.interCharacterTimeoutNanos()).isEqualTo(1_718_750L);
  }

  @Test
  void at9600NoParityACharacterHasTenBits() {
    LineTiming timing = new LineTiming(9600, Parity.NONE);

    assertThat(timing.characterNanos()).isEqualTo(1_041_666L);
    assertThat(timing.interFrameGapNanos()).isEqualTo(3_645_833L);
  }

  @Test
  void at300BaudTheGapIsLong() {
    assertThat(new LineTiming(300, Parity.ODD).interFrameGapNanos()).isEqualTo(128_333_333L);
  }

  @Test
  void at19200TheGapIsStillThreeAndAHalfCharacters() {
    assertThat(new LineTiming(19200, Parity.EVEN).interFrameGapNanos()).isEqualTo(2_005_208L);
  }

  @Test
  void above19200TheGapIsFixed() {
    LineTiming timing = new LineTiming(38400, Parity.EVEN);

    assertThat(timing.characterNanos()).isEqualTo(286_458L);
    assertThat(timing.interFrameGapNanos()).isEqualTo(1_750_000L);
    assertThat(timing.interCharacterTimeoutNanos()).isEqualTo(750_000L);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new LineTiming(0, Parity.EVEN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baud 0");
    assertThatThrownBy(() -> new LineTiming(9600, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new LineTiming(9600, Parity.EVEN).frameNanos(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
