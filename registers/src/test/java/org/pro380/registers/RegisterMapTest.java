package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Quantity;

/**
 * The register map against spec section 5. The expected table below is typed from the spec's
 * text, not from {@link Registers}: it is the independent check.
 */
class RegisterMapTest {

    /**
     * Spec section 5, one register a line: address, type, access, unit, meaning. A meaning of one
     * word is a setting; of two words a measured quantity and its phase; of three an energy
     * counter's kind, flow and scope.
     */
    private static final String SPEC_TABLE = """
            4000 | bcd32  | R  |      | SERIAL_NUMBER
            4002 | u16    | R  |      | METER_CODE
            4003 | u16    | RW |      | UNIT_ID
            4004 | u16    | RW |      | BAUD_RATE
            4005 | f32    | R  |      | PROTOCOL_VERSION
            4007 | f32    | R  |      | SOFTWARE_VERSION
            4009 | f32    | R  |      | HARDWARE_VERSION
            400B | u16    | R  | A    | METER_AMPS
            4010 | bcd16  | RW | s    | LCD_CYCLE_TIME
            4011 | u16    | RW |      | PARITY
            4012 | ascii2 | R  |      | DIRECTION L1
            4013 | ascii2 | R  |      | DIRECTION L2
            4014 | ascii2 | R  |      | DIRECTION L3
            4015 | u16    | R  |      | ERROR_CODE
            4016 | u16    | RW |      | POWER_COUNTER
            4017 | u16    | R  |      | QUADRANT TOTAL
            4018 | u16    | R  |      | QUADRANT L1
            4019 | u16    | R  |      | QUADRANT L2
            401A | u16    | R  |      | QUADRANT L3
            401B | hex32  | R  |      | CHECKSUM
            401D | hex32  | R  |      | STATUS_WORD
            4021 | u16    | RW |      | BACKLIGHT
            5002 | f32    | R  | V    | VOLTAGE L1
            5004 | f32    | R  | V    | VOLTAGE L2
            5006 | f32    | R  | V    | VOLTAGE L3
            5008 | f32    | R  | Hz   | FREQUENCY TOTAL
            500C | f32    | R  | A    | CURRENT L1
            500E | f32    | R  | A    | CURRENT L2
            5010 | f32    | R  | A    | CURRENT L3
            5012 | f32    | R  | kW   | ACTIVE_POWER TOTAL
            5014 | f32    | R  | kW   | ACTIVE_POWER L1
            5016 | f32    | R  | kW   | ACTIVE_POWER L2
            5018 | f32    | R  | kW   | ACTIVE_POWER L3
            501A | f32    | R  | kvar | REACTIVE_POWER TOTAL
            501C | f32    | R  | kvar | REACTIVE_POWER L1
            501E | f32    | R  | kvar | REACTIVE_POWER L2
            5020 | f32    | R  | kvar | REACTIVE_POWER L3
            5022 | f32    | R  | kVA  | APPARENT_POWER TOTAL
            5024 | f32    | R  | kVA  | APPARENT_POWER L1
            5026 | f32    | R  | kVA  | APPARENT_POWER L2
            5028 | f32    | R  | kVA  | APPARENT_POWER L3
            502A | f32    | R  |      | POWER_FACTOR TOTAL
            502C | f32    | R  |      | POWER_FACTOR L1
            502E | f32    | R  |      | POWER_FACTOR L2
            5030 | f32    | R  |      | POWER_FACTOR L3
            6000 | f32    | R  | kWh  | ACTIVE TOTAL ALL
            6002 | f32    | R  | kWh  | ACTIVE TOTAL T1
            6004 | f32    | R  | kWh  | ACTIVE TOTAL T2
            6006 | f32    | R  | kWh  | ACTIVE TOTAL L1
            6008 | f32    | R  | kWh  | ACTIVE TOTAL L2
            600A | f32    | R  | kWh  | ACTIVE TOTAL L3
            600C | f32    | R  | kWh  | ACTIVE FORWARD ALL
            600E | f32    | R  | kWh  | ACTIVE FORWARD T1
            6010 | f32    | R  | kWh  | ACTIVE FORWARD T2
            6012 | f32    | R  | kWh  | ACTIVE FORWARD L1
            6014 | f32    | R  | kWh  | ACTIVE FORWARD L2
            6016 | f32    | R  | kWh  | ACTIVE FORWARD L3
            6018 | f32    | R  | kWh  | ACTIVE REVERSE ALL
            601A | f32    | R  | kWh  | ACTIVE REVERSE T1
            601C | f32    | R  | kWh  | ACTIVE REVERSE T2
            601E | f32    | R  | kWh  | ACTIVE REVERSE L1
            6020 | f32    | R  | kWh  | ACTIVE REVERSE L2
            6022 | f32    | R  | kWh  | ACTIVE REVERSE L3
            6024 | f32    | R  | kvarh | REACTIVE TOTAL ALL
            6026 | f32    | R  | kvarh | REACTIVE TOTAL T1
            6028 | f32    | R  | kvarh | REACTIVE TOTAL T2
            602A | f32    | R  | kvarh | REACTIVE TOTAL L1
            602C | f32    | R  | kvarh | REACTIVE TOTAL L2
            602E | f32    | R  | kvarh | REACTIVE TOTAL L3
            6030 | f32    | R  | kvarh | REACTIVE FORWARD ALL
            6032 | f32    | R  | kvarh | REACTIVE FORWARD T1
            6034 | f32    | R  | kvarh | REACTIVE FORWARD T2
            6036 | f32    | R  | kvarh | REACTIVE FORWARD L1
            6038 | f32    | R  | kvarh | REACTIVE FORWARD L2
            603A | f32    | R  | kvarh | REACTIVE FORWARD L3
            603C | f32    | R  | kvarh | REACTIVE REVERSE ALL
            603E | f32    | R  | kvarh | REACTIVE REVERSE T1
            6040 | f32    | R  | kvarh | REACTIVE REVERSE T2
            6042 | f32    | R  | kvarh | REACTIVE REVERSE L1
            6044 | f32    | R  | kvarh | REACTIVE REVERSE L2
            6046 | f32    | R  | kvarh | REACTIVE REVERSE L3
            6048 | u16    | RW |      | TARIFF
            604C | f32    | R  | kWh  | ACTIVE TOTAL T3
            604E | f32    | R  | kWh  | ACTIVE FORWARD T3
            6050 | f32    | R  | kWh  | ACTIVE REVERSE T3
            6052 | f32    | R  | kvarh | REACTIVE TOTAL T3
            6054 | f32    | R  | kvarh | REACTIVE FORWARD T3
            6056 | f32    | R  | kvarh | REACTIVE REVERSE T3
            """;

    private static final Map<String, DataType<?>> TYPES = Map.of(
            "f32",
            DataType.F32,
            "u16",
            DataType.U16,
            "s32",
            DataType.S32,
            "bcd32",
            DataType.BCD32,
            "bcd16",
            DataType.BCD16,
            "ascii2",
            DataType.ASCII2,
            "hex32",
            DataType.HEX32);

    private record Expected(int address, DataType<?> type, boolean writable, String unit, Meaning meaning) {
        int lastAddress() {
            return address + type.words() - 1;
        }
    }

    private static final Map<Integer, Expected> EXPECTED = parse(SPEC_TABLE);

    private static Map<Integer, Expected> parse(String table) {
        Map<Integer, Expected> out = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] c = line.split("\\|");
            int address = Integer.parseInt(c[0].strip(), 16);
            String[] m = c[4].strip().split(" ");
            Meaning meaning = switch (m.length) {
                case 1 -> new Meaning.Setting(Field.valueOf(m[0]));
                case 2 -> new Meaning.Measured(Quantity.valueOf(m[0]), PhaseScope.valueOf(m[1]));
                default -> new Meaning.Energy(EnergyKind.valueOf(m[0]), Flow.valueOf(m[1]), EnergyScope.valueOf(m[2]));
            };
            Expected e =
                    new Expected(address, TYPES.get(c[1].strip()), c[2].strip().equals("RW"), c[3].strip(), meaning);
            if (out.put(address, e) != null) {
                throw new IllegalStateException("address twice in the expected table: " + line);
            }
        }
        return out;
    }

    static Stream<Arguments> specRegisters() {
        return EXPECTED.values().stream().map(e -> Arguments.of(String.format("0x%04X", e.address()), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specRegisters")
    void everyRegisterOfTheSpecIsAtItsAddressWithItsTypeAndAccess(String address, Expected e) {
        Register<?> r = Registers.MAP
                .startingAt(e.address())
                .orElseThrow(() -> new AssertionError("no register starts at " + address));

        assertThat(r.type()).as("type").isSameAs(e.type());
        assertThat(r.writable()).as("writable").isEqualTo(e.writable());
        assertThat(r.unit().symbol()).as("unit").isEqualTo(e.unit());
        assertThat(r.meaning()).as("meaning").isEqualTo(e.meaning());
        assertThat(r.words()).isEqualTo(e.type().words());
        assertThat(r.lastAddress()).isEqualTo(e.lastAddress());
        assertThat(Registers.MAP.byKey(r.key())).containsSame(r);
    }

    @Test
    void theMapHoldsNoRegisterTheSpecDoesNotName() {
        assertThat(Registers.MAP.all())
                .extracting(Register::address)
                .containsExactlyElementsOf(new TreeSet<>(EXPECTED.keySet()));
    }

    @Test
    void registersAreInAddressOrderAndNoneOverlaps() {
        List<Register<?>> all = Registers.MAP.all();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).address())
                    .as("%s starts after %s ends", all.get(i), all.get(i - 1))
                    .isGreaterThan(all.get(i - 1).lastAddress());
        }
    }

    @Test
    void everyRegisterLiesWhollyInsideOneBlock() {
        for (Register<?> r : Registers.MAP.all()) {
            assertThat(r.block().contains(r.address(), r.words())).as("%s", r).isTrue();
        }
        assertThat(Registers.MAP.in(Block.IDENTITY)).hasSize(22);
        assertThat(Registers.MAP.in(Block.INSTANTANEOUS)).hasSize(23);
        assertThat(Registers.MAP.in(Block.ENERGY)).hasSize(43);
        assertThat(Stream.of(Block.values())
                        .mapToInt(b -> Registers.MAP.in(b).size())
                        .sum())
                .isEqualTo(Registers.MAP.all().size());
    }

    @Test
    void blocksAreTheThreeOfSectionThree() {
        assertThat(Block.values())
                .extracting(Block::first, Block::last)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0x4000, 0x4021),
                        org.assertj.core.groups.Tuple.tuple(0x5000, 0x5031),
                        org.assertj.core.groups.Tuple.tuple(0x6000, 0x6057));
        assertThat(Block.IDENTITY.size()).isEqualTo(34);
        assertThat(Block.INSTANTANEOUS.size()).isEqualTo(50);
        assertThat(Block.ENERGY.size()).isEqualTo(88);
    }

    @ParameterizedTest(name = "0x{0} x {1} inside {2}")
    @CsvSource({
        "4000, 34, IDENTITY",
        "4021, 1, IDENTITY",
        "5000, 50, INSTANTANEOUS",
        "5031, 1, INSTANTANEOUS",
        "6000, 88, ENERGY",
        "6057, 1, ENERGY",
        "500C, 6, INSTANTANEOUS"
    })
    void readsInsideABlock(String address, int quantity, Block block) {
        int a = Integer.parseInt(address, 16);

        assertThat(Block.containing(a)).contains(block);
        assertThat(block.contains(a, quantity)).isTrue();
    }

    @ParameterizedTest(name = "0x{0} x {1} leaves its block")
    @CsvSource({"4000, 35", "4021, 2", "5030, 3", "6057, 2", "6000, 0", "4010, 0"})
    void readsLeavingABlock(String address, int quantity) {
        int a = Integer.parseInt(address, 16);

        assertThat(Block.containing(a).orElseThrow().contains(a, quantity)).isFalse();
    }

    @ParameterizedTest(name = "0x{0} is outside every block")
    @ValueSource(strings = {"0000", "3FFF", "4022", "404A", "4FFF", "5032", "5FFF", "6058", "FFFF"})
    void addressesOutsideEveryBlock(String address) {
        int a = Integer.parseInt(address, 16);

        assertThat(Block.containing(a)).isEmpty();
        assertThat(Registers.MAP.isReserved(a))
                .as("reserved means inside a block")
                .isFalse();
        assertThat(Registers.MAP.covering(a)).isEmpty();
    }

    @Test
    void reservedAddressesAreExactlyTheBlockAddressesTheSpecDoesNotName() {
        Set<Integer> named = new TreeSet<>();
        EXPECTED.values()
                .forEach(
                        e -> IntStream.rangeClosed(e.address(), e.lastAddress()).forEach(named::add));
        List<Integer> reserved = new ArrayList<>();
        for (Block b : Block.values()) {
            for (int a = b.first(); a <= b.last(); a++) {
                assertThat(Registers.MAP.isReserved(a)).as("0x%04X reserved", a).isEqualTo(!named.contains(a));
                if (!named.contains(a)) {
                    reserved.add(a);
                }
            }
        }
        assertThat(reserved)
                .containsExactly(
                        0x400C, 0x400D, 0x400E, 0x400F, 0x401F, 0x4020, 0x5000, 0x5001, 0x500A, 0x500B, 0x6049, 0x604A,
                        0x604B);
    }

    @Test
    void coveringFindsTheRegisterOfEachWordButOnlyItsFirstStartsIt() {
        assertThat(Registers.MAP.covering(0x4001)).containsSame(Registers.SERIAL_NUMBER);
        assertThat(Registers.MAP.startingAt(0x4001)).isEmpty();
        assertThat(Registers.MAP.startingAt(0x4000)).containsSame(Registers.SERIAL_NUMBER);
        assertThat(Registers.MAP.covering(0x500D)).containsSame(Registers.CURRENT_L1);
        assertThat(Registers.MAP.covering(0x6057)).containsSame(Registers.REVERSE_REACTIVE_ENERGY_T3);
        assertThat(Registers.MAP.covering(0x5000)).isEmpty();
        assertThat(Registers.MAP.covering(-1)).isEmpty();
        assertThat(Registers.MAP.covering(0x10000)).isEmpty();
    }

    @Test
    void keysAreUniqueAndFindTheirRegister() {
        assertThat(Registers.MAP.all()).extracting(Register::key).doesNotHaveDuplicates();
        for (Register<?> r : Registers.MAP.all()) {
            assertThat(Registers.MAP.byKey(r.key())).containsSame(r);
        }
        assertThat(Registers.MAP.byKey("no-such-register")).isEmpty();
    }

    @Test
    void theCommandLinesShortNamesAreAliasesOfTheirRegisters() {
        assertThat(Registers.MAP.byKeyOrAlias("lcd-cycle")).containsSame(Registers.LCD_CYCLE_TIME);
        assertThat(Registers.MAP.byKeyOrAlias("LCD-Cycle-Time")).containsSame(Registers.LCD_CYCLE_TIME);
        assertThat(Registers.MAP.byKeyOrAlias(" id ")).containsSame(Registers.UNIT_ID);
        assertThat(Registers.MAP.byKeyOrAlias("baud")).containsSame(Registers.BAUD_RATE);
        assertThat(Registers.MAP.byKeyOrAlias("no-such-register")).isEmpty();
        assertThat(Registers.MAP.byKey("lcd-cycle")).as("byKey stays exact").isEmpty();
        assertThat(Registers.MAP.aliasesOf(Registers.LCD_CYCLE_TIME)).containsExactly("lcd-cycle");
        assertThat(Registers.MAP.aliasesOf(Registers.VOLTAGE_L1)).isEmpty();
    }

    @Test
    void anAliasShadowingAKeyOrNamingAnotherMapsRegisterIsRefused() {
        Register<Integer> a = u16(0x4000, "a");
        Register<Integer> b = u16(0x4001, "b");
        assertThatThrownBy(() -> new RegisterMap(List.of(a, b), Map.of("b", a)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alias b");
        assertThatThrownBy(() -> new RegisterMap(List.of(a), Map.of("x", b)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in the map");
    }

    @Test
    void decodeFromABlockReadFindsTheRegisterByItsOffset() {
        int[] read = new int[Block.IDENTITY.size()];
        read[0] = 0x2209;
        read[1] = 0x1039;
        read[0x1B] = 0x0607;
        read[0x1C] = 0xE329;

        assertThat(Registers.SERIAL_NUMBER.decodeFrom(read, 0x4000)).isEqualTo(22091039);
        assertThat(Registers.CHECKSUM.decodeFrom(read, 0x4000)).isEqualTo(0x0607E329L);
    }

    // ---- the map refuses to be built wrong

    private static Register<Integer> u16(int address, String key) {
        return new Register<>(
                address, key, key, DataType.U16, Unit.NONE, new Meaning.Setting(Field.METER_CODE), Optional.empty());
    }

    private static Register<Double> f32(int address, String key, Optional<WriteRule> rule) {
        return new Register<>(address, key, key, DataType.F32, Unit.NONE, new Meaning.Setting(Field.METER_CODE), rule);
    }

    @Test
    void aMapWithOverlappingRegistersIsRefused() {
        assertThatThrownBy(() -> new RegisterMap(List.of(f32(0x4000, "a", Optional.empty()), u16(0x4001, "b"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overlaps");
    }

    @Test
    void aRegisterLeavingItsBlockIsRefused() {
        assertThatThrownBy(() -> new RegisterMap(List.of(f32(0x4021, "a", Optional.empty()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaves");
    }

    @Test
    void aRegisterOutsideEveryBlockIsRefused() {
        assertThatThrownBy(() -> new RegisterMap(List.of(u16(0x404A, "a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThatThrownBy(() -> new RegisterMap(List.of(u16(0x4000, "a"), u16(0x4001, "a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicate");
    }

    @Test
    void aWritableRegisterMustBeAOneWordInteger() {
        assertThatThrownBy(() -> new RegisterMap(List.of(f32(0x4000, "a", Optional.of(WriteRule.range(1, 2))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writable");
    }

    // ---- parity, tariff and phase numbering

    @ParameterizedTest
    @CsvSource({"1, EVEN", "2, NONE", "3, ODD"})
    void parityCodesOf0x4011(int code, org.pro380.protocol.Parity parity) {
        assertThat(Code.PARITY.value(code)).isEqualTo(parity);
        assertThat(Code.PARITY.code(parity)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, -1, 0xFFFF})
    void otherParityCodesAreRefused(int code) {
        assertThatThrownBy(() -> Code.PARITY.value(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Tariff.class)
    void tariffNumbersRoundTrip(Tariff tariff) {
        assertThat(Tariff.ofNumber(tariff.number())).isEqualTo(tariff);
        assertThat(tariff.number()).isEqualTo(tariff.ordinal() + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, -1})
    void tariffNumbersOutside1To3AreRefused(int number) {
        assertThatThrownBy(() -> Tariff.ofNumber(number)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phasesAreNumberedOneToThree() {
        assertThat(Phase.values()).extracting(Phase::number).containsExactly(1, 2, 3);
        assertThat(PhaseScope.of(Phase.L2)).isEqualTo(PhaseScope.L2);
        assertThat(PhaseScope.L3.phase()).contains(Phase.L3);
        assertThat(PhaseScope.TOTAL.phase()).isEmpty();
        assertThat(EnergyScope.T2.tariff()).contains(Tariff.T2);
        assertThat(EnergyScope.T2.phase()).isEmpty();
        assertThat(EnergyScope.L1.phase()).contains(Phase.L1);
        assertThat(EnergyScope.ALL.tariff()).isEmpty();
        assertThat(EnergyScope.ALL.phase()).isEmpty();
    }
}
