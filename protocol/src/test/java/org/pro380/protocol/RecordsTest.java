package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void wireRangesAreChecked() {
        assertThatThrownBy(() -> new ReadHoldingRegisters(-1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address -1");
        assertThatThrownBy(() -> new ReadHoldingRegisters(0x10000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadHoldingRegisters(0, 0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteSingleRegister(0, 0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleRegisters(0, new int[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleRegisters(0, new int[124]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadHoldingRegistersResponse(new int[] {0x10000}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadHoldingRegistersResponse(new int[126]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteMultipleRegistersResponse(0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExceptionResponse(0x83, ExceptionCode.ILLEGAL_FUNCTION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitPdu(256, new byte[] {3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitPdu(1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MbapFrame(0x10000, 1, new byte[] {3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireExtremesAreAccepted() {
        assertThat(new ReadHoldingRegisters(0xFFFF, 0xFFFF).quantity()).isEqualTo(0xFFFF);
        assertThat(new WriteMultipleRegisters(0, new int[123]).quantity()).isEqualTo(123);
        assertThat(new ReadHoldingRegistersResponse(new int[125]).values()).hasSize(125);
        assertThat(new UnitPdu(0, new byte[253]).unitId()).isZero();
    }

    @Test
    void otherFunctionExcludesTheImplementedCodesAndExceptionCodes() {
        for (int fc : new int[] {0, 3, 6, 16, 0x80, 0x83}) {
            assertThatThrownBy(() -> new OtherFunction(fc, new byte[0]))
                    .as("fc %d", fc)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new OtherFunction(0x2b, new byte[] {0x0e}).functionCode()).isEqualTo(0x2b);
    }

    @Test
    void functionCodes() {
        assertThat(new ReadHoldingRegisters(0, 1).functionCode()).isEqualTo(3);
        assertThat(new WriteSingleRegister(0, 1).functionCode()).isEqualTo(6);
        assertThat(new WriteMultipleRegisters(0, new int[] {1}).functionCode()).isEqualTo(16);
        assertThat(new ReadHoldingRegistersResponse(new int[] {1}).functionCode())
                .isEqualTo(3);
        assertThat(new WriteSingleRegisterResponse(0, 1).functionCode()).isEqualTo(6);
        assertThat(new WriteMultipleRegistersResponse(0, 1).functionCode()).isEqualTo(16);
        assertThat(new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS).functionCode())
                .isEqualTo(3);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        int[] values = {1, 2};
        WriteMultipleRegisters write = new WriteMultipleRegisters(0x4010, values);
        values[0] = 99;
        write.values()[1] = 99;
        assertThat(write.values()).containsExactly(1, 2);

        int[] read = {7};
        ReadHoldingRegistersResponse response = new ReadHoldingRegistersResponse(read);
        read[0] = 8;
        response.values()[0] = 9;
        assertThat(response.values()).containsExactly(7);

        byte[] pdu = {3, 0};
        UnitPdu frame = new UnitPdu(1, pdu);
        pdu[1] = 5;
        frame.pdu()[1] = 6;
        assertThat(frame.pdu()).containsExactly(3, 0);

        byte[] data = {1};
        OtherFunction other = new OtherFunction(0x2b, data);
        data[0] = 2;
        other.data()[0] = 3;
        assertThat(other.data()).containsExactly(1);
    }

    @Test
    void arrayRecordsAreEqualByContent() {
        assertEqualByContent(
                new WriteMultipleRegisters(1, new int[] {1, 2}),
                new WriteMultipleRegisters(1, new int[] {1, 2}),
                new WriteMultipleRegisters(1, new int[] {1, 3}));
        assertEqualByContent(
                new ReadHoldingRegistersResponse(new int[] {5}),
                new ReadHoldingRegistersResponse(new int[] {5}),
                new ReadHoldingRegistersResponse(new int[] {6}));
        assertEqualByContent(
                new OtherFunction(0x2b, new byte[] {1}),
                new OtherFunction(0x2b, new byte[] {1}),
                new OtherFunction(0x2b, new byte[] {2}));
        assertEqualByContent(
                new UnitPdu(1, new byte[] {3}), new UnitPdu(1, new byte[] {3}), new UnitPdu(2, new byte[] {3}));
        assertEqualByContent(
                new MbapFrame(7, 1, new byte[] {3}),
                new MbapFrame(7, 1, new byte[] {3}),
                new MbapFrame(8, 1, new byte[] {3}));
    }

    @Test
    void toStringShowsContent() {
        assertThat(new WriteMultipleRegisters(16, new int[] {37, 1}))
                .hasToString("WriteMultipleRegisters[address=16, values=[37, 1]]");
        assertThat(new UnitPdu(1, Hex.parse("03 50 0c"))).hasToString("UnitPdu[unitId=1, pdu=03 50 0c]");
        assertThat(new ReadHoldingRegistersResponse(new int[] {1, 2}))
                .hasToString("ReadHoldingRegistersResponse[values=[1, 2]]");
    }

    private static void assertEqualByContent(Object a, Object sameContent, Object different) {
        assertThat(a).isEqualTo(sameContent).hasSameHashCodeAs(sameContent).isNotEqualTo(different);
    }
}
