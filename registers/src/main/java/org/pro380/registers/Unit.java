package org.pro380.registers;

/** Physical units of register values (spec section 5; reactive units per the family's map). */
public enum Unit {
    NONE(""),
    VOLT("V"),
    HERTZ("Hz"),
    AMPERE("A"),
    SECOND("s"),
    KILOWATT("kW"),
    KILOVAR("kvar"),
    KILOVOLT_AMPERE("kVA"),
    KILOWATT_HOUR("kWh"),
    KILOVAR_HOUR("kvarh");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
