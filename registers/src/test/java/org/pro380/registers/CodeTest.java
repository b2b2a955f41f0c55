package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Parity;

class CodeTest {

    @ParameterizedTest
    @CsvSource({"even, EVEN", "E, EVEN", "1, EVEN", "none, NONE", "n, NONE", "2, NONE", "Odd, ODD", "o, ODD", "3, ODD"})
    void parityFromTheWordsPeopleUse(String text, Parity parity) {
        assertThat(Code.PARITY.parse(text)).isEqualTo(parity);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mark", "", "4", "ev"})
    void otherParityWordsAreRefusedWithTheLegalOnes(String text) {
        assertThatThrownBy(() -> Code.PARITY.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parity must be even, none or odd, got '" + text + "'");
    }

    @Test
    void printsTheWordOfEachCode() {
        assertThat(Code.PARITY.text(Parity.NONE)).isEqualTo("none");
        assertThat(Code.BACKLIGHT.text(1)).isEqualTo("on");
        assertThat(Code.BACKLIGHT.text(2)).isEqualTo("off");
        assertThat(Code.BACKLIGHT.text(7)).isEqualTo("? 7");
        assertThat(Code.TARIFF.text(Tariff.T2)).isEqualTo("T2");
    }

    @Test
    void theCodeOfAWordOrANumberForTheWriteRuleToJudge() {
        assertThat(Code.BACKLIGHT.parseCode("off")).isEqualTo(2);
        assertThat(Code.TARIFF.parseCode("t3")).isEqualTo(3);
        assertThat(Code.TARIFF.parseCode("4")).isEqualTo(4);
        assertThatThrownBy(() -> Code.BACKLIGHT.parseCode("dim")).hasMessage("backlight must be on or off, got 'dim'");
    }

    @Test
    void theCodedRegistersTakeTheirWriteRulesFromTheirCodes() {
        assertThat(Registers.PARITY.code()).containsSame(Code.PARITY);
        assertThat(Registers.PARITY.writeRule().orElseThrow().description()).isEqualTo("1 (even), 2 (none) or 3 (odd)");
        assertThat(Registers.BACKLIGHT.writeRule().orElseThrow().description()).isEqualTo("1 (on) or 2 (off)");
        assertThat(Registers.TARIFF.code()).containsSame(Code.TARIFF);
        assertThat(Registers.SERIAL_NUMBER.code()).isEmpty();
    }

    @Test
    void theUnitIdRangeIsTheMeterIdRegistersRule() {
        assertThat(Registers.UNIT_ID.writeRule().orElseThrow().values()).first().isEqualTo(UnitId.FIRST);
        assertThat(Registers.UNIT_ID.writeRule().orElseThrow().values()).last().isEqualTo(UnitId.LAST);
        assertThat(UnitId.RANGE).isEqualTo("1..247");
        assertThatThrownBy(() -> UnitId.check("unit id", 248)).hasMessage("unit id must be 1..247, got 248");
    }
}
