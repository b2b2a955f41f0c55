package org.pro380.registers;

/** The meter's tariffs; register 0x6048 holds the number 1..3. */
public enum Tariff {
    T1,
    T2,
    T3;

    public int number() {
        return ordinal() + 1;
    }

    public static Tariff ofNumber(int number) {
        if (number < 1 || number > 3) {
            throw new IllegalArgumentException("tariff " + number + " is not 1..3");
        }
        return values()[number - 1];
    }
}
