package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.protocol.LineSettings;

class CommissionPlanTest {
    @TempDir
    Path dir;

    @Test
    void rowsAreAppendedUnderOneHeaderAndReadBack() throws Exception {
        Path file = dir.resolve("plan.csv");
        assertThat(CommissionPlan.read(file)).isEqualTo(CommissionPlan.EMPTY);

        CommissionPlan.append(file, new CommissionPlan.Entry(22091039, 2, "cabinet A1"));
        CommissionPlan.append(file, new CommissionPlan.Entry(1234, 3, ""));

        assertThat(Files.readString(file)).isEqualTo("serial,id,label\n22091039,2,cabinet A1\n00001234,3,\n");
        CommissionPlan plan = CommissionPlan.read(file);
        assertThat(plan.ids()).containsExactly(2, 3);
        assertThat(plan.bySerial(1234)).contains(new CommissionPlan.Entry(1234, 3, ""));
        assertThat(plan.takes(3)).isTrue();
        assertThat(plan.takes(4)).isFalse();
    }

    @Test
    void aBadRowIsNamedByItsLine() throws Exception {
        Path file = dir.resolve("plan.csv");
        Files.writeString(file, "serial,id,label\n22091039,2,a\n22091040,2,b\n");
        assertThatThrownBy(() -> CommissionPlan.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 3: id 2 is in the plan twice");
        Files.writeString(file, "serial,id,label\n22091039,248,a\n");
        assertThatThrownBy(() -> CommissionPlan.read(file)).hasMessage(file + " line 2: id must be 1..247, got 248");
        Files.writeString(file, "serial,id,label\nabc\n");
        assertThatThrownBy(() -> CommissionPlan.read(file))
                .hasMessageStartingWith(file + " line 2: expected serial,id,label");
    }

    @Test
    void aPlanFilesTextParsesAsTheFileReadsAndWritesBack() {
        CommissionPlan plan = CommissionPlan.parse("serial,id,label\r\n22091039,2,A1\r\n\n00001234,3,\n", "plan");
        assertThat(plan.entries())
                .containsExactly(new CommissionPlan.Entry(22091039, 2, "A1"), new CommissionPlan.Entry(1234, 3, ""));
        assertThat(plan.csv()).isEqualTo("serial,id,label\n22091039,2,A1\n00001234,3,\n");
        assertThat(CommissionPlan.parse(plan.csv(), "plan")).isEqualTo(plan);
        assertThat(CommissionPlan.parse("", "plan")).isEqualTo(CommissionPlan.EMPTY);
        assertThatThrownBy(() -> CommissionPlan.parse("22091039,x,A1\n", "plan"))
                .hasMessageStartingWith("plan line 1: expected serial,id,label");
    }

    @Test
    void theCheckSortsEveryMeterOfThePlanAndEveryMeterFound() {
        CommissionPlan plan = new CommissionPlan(List.of(
                new CommissionPlan.Entry(11, 2, "a"),
                new CommissionPlan.Entry(12, 3, "b"),
                new CommissionPlan.Entry(13, 4, "c")));
        List<BusScan.Found> found = List.of(found(2, 11), found(7, 13), found(3, 99));

        PlanCheck check = PlanCheck.of(plan, found);

        assertThat(check.present()).containsExactly(plan.entries().get(0));
        assertThat(check.missing()).containsExactly(plan.entries().get(1));
        assertThat(check.moved())
                .containsExactly(new PlanCheck.Moved(plan.entries().get(2), 7));
        assertThat(check.unexpected()).containsExactly(found(3, 99));
        assertThat(check.holds()).isFalse();
        assertThat(check.lines())
                .containsExactly(
                        "00000011 at id 2: ok (a)",
                        "00000012 at id 3: missing (b)",
                        "00000013 at id 4: moved to id 7 (c)",
                        "00000099 at id 3: not in the plan");
        assertThat(PlanCheck.of(plan, List.of(found(2, 11), found(3, 12), found(4, 13)))
                        .holds())
                .isTrue();
    }

    @Test
    void theFactoryIdIsNoIdToGive() {
        assertThatThrownBy(() -> new Commissioning.Options(List.of(1, 2), 2, java.time.Duration.ZERO))
                .hasMessageContaining("cannot include 1");
    }

    private static BusScan.Found found(int id, int serial) {
        return new BusScan.Found(id, serial, 0x0102, LineSettings.FACTORY, 10, List.of());
    }
}
