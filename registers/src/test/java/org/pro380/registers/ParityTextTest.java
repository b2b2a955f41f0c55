package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Parity;

class ParityTextTest {

    @ParameterizedTest
    @CsvSource({"even,EVEN", "E,EVEN", "1,EVEN", "none,NONE", "n,NONE", "2,NONE", "Odd,ODD", "o,ODD", "3,ODD"})
    void namesLettersAndCodesAreRead(String text, Parity parity) {
        assertThat(Code.PARITY.parse(text)).isEqualTo(parity);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mark", "4", "evn"})
    void otherTextIsRefusedInOneLine(String text) {
        assertThatThrownBy(() -> Code.PARITY.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parity must be even, none or odd, got '" + text + "'");
    }
}
