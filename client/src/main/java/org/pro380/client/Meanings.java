package org.pro380.client;

import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Quantity;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** Finds a register of the map by what it means, so the typed views need no addresses of their own. */
public final class Meanings {

    private Meanings() {}

    public static Register<?> of(Meaning meaning) {
        return Registers.MAP.all().stream()
                .filter(r -> r.meaning().equals(meaning))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the map has no register for " + meaning));
    }

    public static <T> Register<T> setting(Field field, Class<T> type) {
        return typed(of(new Meaning.Setting(field)), type);
    }

    public static <T> Register<T> measured(Quantity quantity, PhaseScope scope, Class<T> type) {
        return typed(of(new Meaning.Measured(quantity, scope)), type);
    }

    public static Register<Double> energy(EnergyKind kind, Flow flow, EnergyScope scope) {
        return typed(of(new Meaning.Energy(kind, flow, scope)), Double.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> Register<T> typed(Register<?> r, Class<T> type) {
        if (r.type().javaType() != type) {
            throw new IllegalArgumentException(
                    r + " holds " + r.type().javaType().getSimpleName() + ", not " + type.getSimpleName());
        }
        return (Register<T>) r;
    }
}
