package org.pro380.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.registers.Block;
import org.pro380.registers.Register;

/**
 * The fewest reads that cover a set of registers: one read per block touched, from the first
 * register wanted to the last, across reserved gaps (they read 0) and unwanted registers; a
 * span over 125 registers is split at a register boundary. The whole map takes three reads.
 */
public record ReadPlan(List<Batch> batches) {

    /** One read: {@code quantity} registers from {@code address}, holding {@code registers}. */
    public record Batch(Block block, int address, int quantity, List<Register<?>> registers) {
        public int lastAddress() {
            return address + quantity - 1;
        }
    }

    public ReadPlan {
        batches = List.copyOf(batches);
    }

    public static ReadPlan of(Collection<? extends Register<?>> wanted) {
        List<Register<?>> sorted = new ArrayList<>(wanted);
        sorted.sort(Comparator.comparingInt(Register::address));
        List<Batch> batches = new ArrayList<>();
        List<Register<?>> current = new ArrayList<>();
        for (Register<?> r : sorted) {
            if (!current.isEmpty() && !fits(current, r)) {
                batches.add(batch(current));
                current = new ArrayList<>();
            }
            if (current.isEmpty() || current.get(current.size() - 1).address() != r.address()) {
                current.add(r);
            }
        }
        if (!current.isEmpty()) {
            batches.add(batch(current));
        }
        return new ReadPlan(batches);
    }

    public int requests() {
        return batches.size();
    }

    private static boolean fits(List<Register<?>> batch, Register<?> next) {
        Register<?> first = batch.get(0);
        return first.block() == next.block()
                && next.lastAddress() - first.address() + 1 <= ReadHoldingRegisters.MAX_QUANTITY;
    }

    private static Batch batch(List<Register<?>> registers) {
        Register<?> first = registers.get(0);
        int last = registers.stream().mapToInt(Register::lastAddress).max().orElseThrow();
        return new Batch(first.block(), first.address(), last - first.address() + 1, registers);
    }
}
