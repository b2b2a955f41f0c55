package org.pro380.registers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pro380.registers.Meaning.EnergyScope;

/**
 * The words of the LCD (spec section 7), in one place for the meter that shows them and for the PC
 * software that rebuilds them from the registers they follow from: the error code (0x4015), the
 * total active energy of all tariffs and of T1..T3 (0x6000, 0x6002, 0x6004, 0x604C) and the
 * checksum (0x401B).
 */
public final class LcdText {

    /** The energy pages, in the order the LCD shows them: all tariffs, then T1, T2, T3. */
    public static final List<EnergyScope> ENERGY_PAGES =
            List.of(EnergyScope.ALL, EnergyScope.T1, EnergyScope.T2, EnergyScope.T3);

    private LcdText() {}

    /**
     * The pages of one cycle: ERR while {@code errorCode} is not 0, the total, T1, T2, T3, CRC.
     *
     * @param activeKWh the total active energy of each of {@link #ENERGY_PAGES}, in kWh; a page
     *     whose energy is not known is left out
     */
    public static List<LcdPage> cycle(int errorCode, Map<EnergyScope, BigDecimal> activeKWh, long checksum) {
        List<LcdPage> pages = new ArrayList<>();
        error(errorCode).ifPresent(text -> pages.add(new LcdPage("err", text)));
        for (EnergyScope scope : ENERGY_PAGES) {
            BigDecimal kWh = activeKWh.get(scope);
            if (kWh != null) {
                pages.add(
                        scope == EnergyScope.ALL
                                ? new LcdPage("total", kWh(kWh))
                                : new LcdPage(scope.name().toLowerCase(Locale.ROOT), scope + " " + kWh(kWh)));
            }
        }
        pages.add(new LcdPage("crc", String.format("CRC %08X", checksum)));
        return pages;
    }

    /** kWh with two decimals, cut rather than rounded: the display never runs ahead of the counter. */
    public static String kWh(BigDecimal kWh) {
        return kWh.setScale(2, RoundingMode.DOWN).toPlainString() + " kWh";
    }

    /** The ERR page of an error code as 0x4015 holds it ("ERR 0d"); none for 0. */
    public static Optional<String> error(int errorCode) {
        return errorCode == 0 ? Optional.empty() : Optional.of("ERR " + errorCode(errorCode));
    }

    /**
     * An error code as its two seven-segment digits write it: hex, with b and d in lower case
     * (a capital B or D would read as 8 or 0): 0x0D is "0d", 0x0F "0F".
     */
    public static String errorCode(int code) {
        return String.format("%02X", code).replace('B', 'b').replace('D', 'd');
    }
}
