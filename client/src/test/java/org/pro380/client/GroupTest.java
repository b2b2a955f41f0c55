package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

class GroupTest {

    @Test
    void identitySettingsInstantaneousAndEnergyPartitionTheMap() {
        Set<Register<?>> union = new HashSet<>();
        int total = 0;
        for (Group g : List.of(Group.IDENTITY, Group.SETTINGS, Group.INSTANTANEOUS, Group.ENERGY)) {
            union.addAll(g.registers());
            total += g.registers().size();
        }
        assertThat(union).hasSize(total).containsExactlyInAnyOrderElementsOf(Registers.MAP.all());
    }

    @Test
    void everyGroupHasRegisters() {
        for (Group g : Group.values()) {
            assertThat(g.registers()).as(g.key()).isNotEmpty();
        }
    }

    @Test
    void selectMixesGroupsAndRegisterKeysInAddressOrder() {
        assertThat(Group.select(List.of("tariff", "t3", "voltage-l1")))
                .startsWith(Registers.VOLTAGE_L1, Registers.TARIFF)
                .contains(Registers.ACTIVE_ENERGY_T3, Registers.REVERSE_REACTIVE_ENERGY_T3)
                .hasSize(2 + 6);
        assertThat(Group.select(List.of())).isEqualTo(Registers.MAP.all());
    }

    @Test
    void registersCanBeNamedByTheirAliases() {
        assertThat(Group.select(List.of("lcd-cycle", "ID", "baud")))
                .containsExactly(Registers.UNIT_ID, Registers.BAUD_RATE, Registers.LCD_CYCLE_TIME);
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheGroups() {
        assertThatThrownBy(() -> Group.select(List.of("voltage")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown group or register 'voltage'")
                .hasMessageContaining("instantaneous");
    }
}
