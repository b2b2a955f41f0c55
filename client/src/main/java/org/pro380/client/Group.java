package org.pro380.client;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** Named sets of registers, derived from each register's meaning in the map (never from addresses). */
public enum Group {
    ALL("every register", r -> true),
    IDENTITY(
            "serial number, meter code, versions, amps, checksum, status word",
            r -> r.meaning() instanceof Meaning.Setting && !r.writable()),
    SETTINGS(
            "the writable registers: id, baud, parity, LCD cycle, power counter, backlight, tariff",
            r -> r.meaning() instanceof Meaning.Setting && r.writable()),
    INSTANTANEOUS(
            "voltages, currents, powers, power factors, frequency, directions, quadrants",
            r -> r.meaning() instanceof Meaning.Measured),
    ENERGY("every energy counter", r -> r.meaning() instanceof Meaning.Energy),
    L1("everything measured on phase L1", phase(PhaseScope.L1, EnergyScope.L1)),
    L2("everything measured on phase L2", phase(PhaseScope.L2, EnergyScope.L2)),
    L3("everything measured on phase L3", phase(PhaseScope.L3, EnergyScope.L3)),
    T1("energy counters of tariff T1", tariff(EnergyScope.T1)),
    T2("energy counters of tariff T2", tariff(EnergyScope.T2)),
    T3("energy counters of tariff T3", tariff(EnergyScope.T3));

    private final String description;
    private final Predicate<Register<?>> member;

    Group(String description, Predicate<Register<?>> member) {
        this.description = description;
        this.member = member;
    }

    /** The lower-case name used on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public List<Register<?>> registers() {
        return Registers.MAP.all().stream().filter(member).toList();
    }

    public static Optional<Group> byKey(String key) {
        return Arrays.stream(values())
                .filter(g -> g.key().equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * The registers named by group names and register keys, in address order, each once.
     *
     * @throws IllegalArgumentException for a name that is neither
     */
    public static List<Register<?>> select(Collection<String> names) {
        TreeSet<Register<?>> chosen = new TreeSet<>(Comparator.comparingInt(Register::address));
        for (String name : names) {
            Optional<Group> group = byKey(name);
            if (group.isPresent()) {
                chosen.addAll(group.get().registers());
            } else {
                chosen.add(Registers.MAP
                        .byKeyOrAlias(name)
                        .orElseThrow(() -> new IllegalArgumentException("unknown group or register '" + name
                                + "'; groups: "
                                + Arrays.stream(values()).map(Group::key).collect(Collectors.joining(", "))
                                + "; registers: see 'pro380 read --list'")));
            }
        }
        return chosen.isEmpty() ? ALL.registers() : List.copyOf(chosen);
    }

    private static Predicate<Register<?>> phase(PhaseScope measured, EnergyScope energy) {
        return r -> r.meaning() instanceof Meaning.Measured m && m.scope() == measured
                || r.meaning() instanceof Meaning.Energy e && e.scope() == energy;
    }

    private static Predicate<Register<?>> tariff(EnergyScope scope) {
        return r -> r.meaning() instanceof Meaning.Energy e && e.scope() == scope;
    }
}
