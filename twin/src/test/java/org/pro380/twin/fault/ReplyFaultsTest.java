package org.pro380.twin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Crc16;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.Settings;

/** How each transport's frame carries the faults: RTU and MBAP. */
class ReplyFaultsTest {

    private static final UnitPdu REPLY = new UnitPdu(1, Hex.parse("03 02 25 80"));
    private static final byte[] RTU = RtuCodec.encode(REPLY.unitId(), REPLY.pdu());
    private static final byte[] MBAP = Hex.parse("12 34 00 00 00 05 01 03 02 25 80");
    private static final byte[] NOISE = Hex.parse("de ad be ef");

    private static ReplyFaults of(Fault... faults) {
        return new ReplyFaults(List.of(faults), Duration.ZERO, NOISE);
    }

    @Test
    void corruptCrcBreaksTheCheckOfAnRtuFrameAndLeavesAnMbapFrame() {
        byte[] frame = of(new Fault.CorruptCrc()).rtu(RTU);

        assertThat(Crc16.endsWithValidCrc(frame, 0, frame.length)).isFalse();
        assertThat(frame).hasSameSizeAs(RTU);
        assertThat(of(new Fault.CorruptCrc()).mbap(MBAP)).isEqualTo(MBAP);
    }

    @Test
    void corruptLengthClaimsMoreBytesThanFollowInMbapOnly() {
        assertThat(Hex.format(of(new Fault.CorruptLength()).mbap(MBAP))).isEqualTo("12 34 00 00 00 08 01 03 02 25 80");
        assertThat(of(new Fault.CorruptLength()).rtu(RTU)).isEqualTo(RTU);
    }

    @Test
    void wrongUnitAndFunctionStayWellFormed() {
        UnitPdu reshaped = of(new Fault.WrongUnit(), new Fault.WrongFunction()).reshape(REPLY);

        assertThat(reshaped.unitId()).isEqualTo(2);
        assertThat(Hex.format(reshaped.pdu())).isEqualTo("04 02 25 80");
        assertThat(of(new Fault.WrongFunction()).reshape(new UnitPdu(247, Hex.parse("83 02"))))
                .satisfies(r -> assertThat(Hex.format(r.pdu())).isEqualTo("84 02"));
        assertThat(of(new Fault.WrongUnit())
                        .reshape(new UnitPdu(247, Hex.parse("83 02")))
                        .unitId())
                .isEqualTo(1);
    }

    @Test
    void truncateCutsTheSecondHalf() {
        assertThat(of(new Fault.Truncate()).rtu(RTU)).isEqualTo(java.util.Arrays.copyOf(RTU, RTU.length / 2));
        assertThat(of(new Fault.Truncate()).mbap(MBAP)).isEqualTo(java.util.Arrays.copyOf(MBAP, 5));
    }

    @Test
    void garbageComesBeforeAndExtraBytesAfter() {
        assertThat(Hex.format(of(new Fault.Garbage(), new Fault.ExtraBytes()).rtu(RTU)))
                .isEqualTo("de ad be ef " + Hex.format(RTU) + " de ad be ef");
        assertThat(Hex.format(of(new Fault.Garbage(), new Fault.ExtraBytes()).mbap(MBAP)))
                .isEqualTo(Hex.format(MBAP) + " de ad be ef");
    }

    @Test
    void theExceptionReplyCarriesTheRequestsFunction() {
        assertThat(Hex.format(ReplyFaults.exceptionPdu(Hex.parse("10 40 00 00 01 02 00 01"), 6)))
                .isEqualTo("90 06");
    }

    @Test
    void wrongTransactionChangesTheMbapTransactionIdOnlyAndLeavesAnRtuFrame() {
        assertThat(Hex.format(of(new Fault.WrongTransaction()).mbap(MBAP)))
                .isEqualTo("12 35 00 00 00 05 01 03 02 25 80");
        assertThat(of(new Fault.WrongTransaction()).rtu(RTU)).isEqualTo(RTU);
    }

    @Test
    void aSplitReplysHalvesMakeTheFrameAndItsGapIsThreeAndAHalfCharactersUnlessGiven() {
        byte[][] parts = ReplyFaults.halves(RTU);
        assertThat(Hex.format(parts[0]) + " " + Hex.format(parts[1])).isEqualTo(Hex.format(RTU));
        LineSettings line = Settings.factory().line();
        assertThat(of(new Fault.Split(Optional.empty())).splitGap(line))
                .isEqualTo(Duration.ofNanos(line.interFrameGapNanos()));
        assertThat(of(new Fault.Split(Optional.of(Duration.ofMillis(600)))).splitGap(line))
                .isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aLinesNoiseGoesIntoTheMiddleAndSwappedWiresInvertEveryBit() {
        assertThat(Hex.format(of(new Fault.Noise(Fault.NoiseBytes.RANDOM)).onLine(Hex.parse("01 02 03 04"))))
                .isEqualTo("01 02 de ad be ef 03 04");
        assertThat(Hex.format(of(new Fault.Noise(Fault.NoiseBytes.ZERO)).onLine(Hex.parse("01 02 03 04"))))
                .isEqualTo("01 02 00 00 00 00 03 04");
        assertThat(Hex.format(of(new Fault.SwappedAB()).onLine(Hex.parse("01 03 f0"))))
                .isEqualTo("fe fc 0f");
    }
}
