package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.registers.Block;
import org.pro380.registers.Registers;

class ReadPlanTest {

    @Test
    void theWholeMapIsThreeReadsOnePerBlockAcrossReservedGaps() {
        ReadPlan plan = ReadPlan.of(Registers.MAP.all());

        assertThat(plan.batches())
                .extracting(ReadPlan.Batch::block)
                .containsExactly(Block.IDENTITY, Block.INSTANTANEOUS, Block.ENERGY);
        assertThat(plan.batches()).extracting(ReadPlan.Batch::address).containsExactly(0x4000, 0x5002, 0x6000);
        assertThat(plan.batches()).extracting(ReadPlan.Batch::quantity).containsExactly(34, 48, 88);
        assertThat(plan.batches().stream().mapToInt(b -> b.registers().size()).sum())
                .isEqualTo(Registers.MAP.all().size());
    }

    @Test
    void energiesOnlyAreOneRead() {
        ReadPlan plan = ReadPlan.of(Group.ENERGY.registers());

        assertThat(plan.requests()).isEqualTo(1);
        assertThat(plan.batches().get(0).address()).isEqualTo(0x6000);
        assertThat(plan.batches().get(0).lastAddress()).isEqualTo(0x6057);
    }

    @Test
    void onePhaseIsOneReadPerBlockItTouches() {
        ReadPlan plan = ReadPlan.of(Group.L2.registers());

        assertThat(plan.batches())
                .extracting(ReadPlan.Batch::block)
                .containsExactly(Block.IDENTITY, Block.INSTANTANEOUS, Block.ENERGY);
        assertThat(plan.batches().get(1).address()).isEqualTo(Registers.VOLTAGE_L2.address());
        assertThat(plan.batches().get(1).lastAddress()).isEqualTo(Registers.POWER_FACTOR_L2.lastAddress());
    }

    @Test
    void namedRegistersOfOneBlockShareARead() {
        ReadPlan plan = ReadPlan.of(List.of(Registers.VOLTAGE_L3, Registers.VOLTAGE_L1, Registers.FREQUENCY));

        assertThat(plan.batches()).singleElement().satisfies(b -> {
            assertThat(b.address()).isEqualTo(Registers.VOLTAGE_L1.address());
            assertThat(b.quantity()).isEqualTo(Registers.FREQUENCY.lastAddress() - Registers.VOLTAGE_L1.address() + 1);
            assertThat(b.registers()).containsExactly(Registers.VOLTAGE_L1, Registers.VOLTAGE_L3, Registers.FREQUENCY);
        });
    }

    @Test
    void aRegisterAskedTwiceIsReadOnce() {
        ReadPlan plan = ReadPlan.of(List.of(Registers.TARIFF, Registers.TARIFF));

        assertThat(plan.batches())
                .singleElement()
                .satisfies(b -> assertThat(b.quantity()).isEqualTo(1));
    }
}
