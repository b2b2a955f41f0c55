package org.pro380.registers;

import java.util.Optional;

/**
 * One register of the map: its address as the manual writes it, its encoding, unit and meaning,
 * and, if writable, the values it accepts.
 *
 * @param address first Modbus address (0x4000 ...)
 * @param key stable lower-case name used on the command line, in JSON and the control API
 * @param name the manual's name
 * @param code what the numbers stand for, for a register that holds a code (parity, backlight, tariff)
 */
public record Register<T>(
        int address,
        String key,
        String name,
        DataType<T> type,
        Unit unit,
        Meaning meaning,
        Optional<WriteRule> writeRule,
        Optional<Code<?>> code) {

    /** A register that holds a quantity or a number rather than a code. */
    public Register(
            int address,
            String key,
            String name,
            DataType<T> type,
            Unit unit,
            Meaning meaning,
            Optional<WriteRule> writeRule) {
        this(address, key, name, type, unit, meaning, writeRule, Optional.empty());
    }

    public int words() {
        return type.words();
    }

    public int lastAddress() {
        return address + words() - 1;
    }

    public boolean writable() {
        return writeRule.isPresent();
    }

    public Block block() {
        return Block.containing(address).orElseThrow();
    }

    /** Decodes this register's value from a block read that starts at {@code firstAddress}. */
    public T decodeFrom(int[] registers, int firstAddress) {
        return type.decode(registers, address - firstAddress);
    }

    /**
     * Why the raw words of a write are refused, or empty if they are a legal value. Not writable,
     * wrong length, an undecodable word (a BCD nibble above 9) and a value outside the rule are refused.
     */
    public Optional<String> rejectWrite(int[] words) {
        if (writeRule.isEmpty()) {
            return Optional.of(key + " is read-only");
        }
        if (words.length != words()) {
            return Optional.of(key + " takes " + words() + " register(s), got " + words.length);
        }
        int value;
        try {
            value = (Integer) type.decode(words, 0);
        } catch (IllegalArgumentException e) {
            return Optional.of(key + ": " + e.getMessage());
        }
        WriteRule rule = writeRule.get();
        return rule.allowed().test(value)
                ? Optional.empty()
                : Optional.of(key + " must be " + rule.description() + ", got " + value);
    }

    @Override
    public String toString() {
        return String.format("0x%04X %s", address, key);
    }
}
