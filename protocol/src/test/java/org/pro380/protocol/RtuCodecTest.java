package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtuCodecTest {

    @Test
    void encodesTheSpecsWireCheck() {
        byte[] request = RtuCodec.encode(1, PduCodec.encode(new ReadHoldingRegisters(0x500c, 6)));
        byte[] reply = RtuCodec.encode(new UnitPdu(
                1, PduCodec.encode(new ReadHoldingRegistersResponse(new int[] {0x4180, 0, 0x4180, 0, 0x4180, 0}))));

        assertThat(Hex.format(request)).isEqualTo("01 03 50 0c 00 06 14 cb");
        assertThat(Hex.format(reply)).isEqualTo("01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae");
    }

    @Test
    void encodesOtherWellKnownFrames() {
        assertThat(Hex.format(RtuCodec.encode(0x11, Hex.parse("03 00 6b 00 03"))))
                .isEqualTo("11 03 00 6b 00 03 76 87");
        assertThat(Hex.format(RtuCodec.encode(1, Hex.parse("03 00 00 00 0a")))).isEqualTo("01 03 00 00 00 0a c5 cd");
    }

    @Test
    void rejectsImpossibleFrames() {
        assertThatThrownBy(() -> RtuCodec.encode(256, new byte[] {3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtuCodec.encode(1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtuCodec.encode(1, new byte[254])).isInstanceOf(IllegalArgumentException.class);
    }
}
