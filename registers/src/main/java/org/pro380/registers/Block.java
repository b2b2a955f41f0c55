package org.pro380.registers;

import java.util.Optional;

/** The three register blocks. A read must lie wholly inside one of them (spec section 3). */
public enum Block {
    IDENTITY(0x4000, 0x4021),
    INSTANTANEOUS(0x5000, 0x5031),
    ENERGY(0x6000, 0x6057);

    private static final Block[] ALL = values();

    private final int first;
    private final int last;

    Block(int first, int last) {
        this.first = first;
        this.last = last;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int address) {
        return address >= first && address <= last;
    }

    /** Whether {@code quantity} registers from {@code address} lie wholly inside this block. */
    public boolean contains(int address, int quantity) {
        return quantity > 0 && contains(address) && contains(address + quantity - 1);
    }

    public static Optional<Block> containing(int address) {
        for (Block b : ALL) {
            if (b.contains(address)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
