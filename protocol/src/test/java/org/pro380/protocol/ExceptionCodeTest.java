package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionCodeTest {

    @Test
    void codesAndMeanings() {
        assertThat(ExceptionCode.ILLEGAL_FUNCTION.code()).isEqualTo(1);
        assertThat(ExceptionCode.ILLEGAL_DATA_ADDRESS.code()).isEqualTo(2);
        assertThat(ExceptionCode.ILLEGAL_DATA_VALUE.code()).isEqualTo(3);
        assertThat(ExceptionCode.SERVER_DEVICE_FAILURE.code()).isEqualTo(4);
        assertThat(ExceptionCode.ILLEGAL_FUNCTION.meaning()).isEqualTo("illegal function");
        assertThat(ExceptionCode.SERVER_DEVICE_FAILURE.meaning()).isEqualTo("server device failure");
    }

    @Test
    void lookUpByCode() {
        for (ExceptionCode code : ExceptionCode.values()) {
            assertThat(ExceptionCode.of(code.code())).contains(code);
        }
        assertThat(ExceptionCode.of(0)).isEmpty();
        assertThat(ExceptionCode.of(5)).isEmpty();
        assertThat(ExceptionCode.of(0x81)).isEmpty();
    }
}
