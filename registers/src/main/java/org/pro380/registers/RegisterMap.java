package org.pro380.registers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An immutable, checked list of registers with look-ups by address, key and alias. */
public final class RegisterMap {

    private final List<Register<?>> registers;
    private final Map<String, Register<?>> byKey = new LinkedHashMap<>();
    private final Register<?>[] byAddress = new Register<?>[0x10000];
    private final Map<String, Register<?>> byAlias = new LinkedHashMap<>();
    private final List<List<Register<?>>> byBlock = new ArrayList<>(); // by the block's ordinal

    RegisterMap(List<Register<?>> declared) {
        this(declared, Map.of());
    }

    RegisterMap(List<Register<?>> declared, Map<String, Register<?>> aliases) {
        List<Register<?>> sorted = new ArrayList<>(declared);
        sorted.sort(Comparator.comparingInt(Register::address));
        this.registers = Collections.unmodifiableList(sorted);
        Set<String> keys = new HashSet<>();
        for (Register<?> r : sorted) {
            check(r, keys);
            byKey.put(r.key(), r);
            for (int a = r.address(); a <= r.lastAddress(); a++) {
                byAddress[a] = r;
            }
        }
        for (Block b : Block.values()) {
            byBlock.add(sorted.stream().filter(r -> b.contains(r.address())).toList());
        }
        aliases.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> addAlias(e.getKey(), e.getValue()));
    }

    private void addAlias(String alias, Register<?> r) {
        if (byKey.containsKey(alias) || !alias.equals(alias.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("alias " + alias + " of " + r + " is a key or not lower case");
        }
        if (byKey.get(r.key()) != r) {
            throw new IllegalStateException("alias " + alias + " names " + r + ", which is not in the map");
        }
        byAlias.put(alias, r);
    }

    private void check(Register<?> r, Set<String> keys) {
        Block block = Block.containing(r.address())
                .orElseThrow(() -> new IllegalStateException(r + " lies outside every block"));
        if (!block.contains(r.lastAddress())) {
            throw new IllegalStateException(r + " leaves block " + block);
        }
        for (int a = r.address(); a <= r.lastAddress(); a++) {
            if (byAddress[a] != null) {
                throw new IllegalStateException(r + " overlaps " + byAddress[a]);
            }
        }
        if (!keys.add(r.key())) {
            throw new IllegalStateException("duplicate key " + r.key());
        }
        if (r.writable() && (r.words() != 1 || r.type().javaType() != Integer.class)) {
            throw new IllegalStateException(r + " is writable but not a one-word integer");
        }
    }

    /** All registers in address order. */
    public List<Register<?>> all() {
        return registers;
    }

    /** The registers of one block in address order (read for every Modbus read: no copy). */
    public List<Register<?>> in(Block block) {
        return byBlock.get(block.ordinal());
    }

    public Optional<Register<?>> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * The register a person names: its key or one of its aliases ({@code lcd-cycle} for
     * {@code lcd-cycle-time}), in any case. The one look-up for names typed by users.
     */
    public Optional<Register<?>> byKeyOrAlias(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byKey.getOrDefault(n, byAlias.get(n)));
    }

    /** The aliases of {@code register}, sorted; empty for most. */
    public List<String> aliasesOf(Register<?> register) {
        return byAlias.entrySet().stream()
                .filter(e -> e.getValue() == register)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The register that starts at {@code address}. */
    public Optional<Register<?>> startingAt(int address) {
        Register<?> r = covering(address).orElse(null);
        return r != null && r.address() == address ? Optional.of(r) : Optional.empty();
    }

    /** The register one of whose words is {@code address}; empty for a reserved address. */
    public Optional<Register<?>> covering(int address) {
        return address >= 0 && address < byAddress.length ? Optional.ofNullable(byAddress[address]) : Optional.empty();
    }

    /** Whether the address lies in a block but no register covers it (it reads 0). */
    public boolean isReserved(int address) {
        return Block.containing(address).isPresent() && covering(address).isEmpty();
    }
}
