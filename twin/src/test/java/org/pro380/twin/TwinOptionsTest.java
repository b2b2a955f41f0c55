package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.testkit.ProjectRoot;

/** The one table of the twin's options: each flag and key once, the defaults a new builder has, and the docs that list them. */
class TwinOptionsTest {

    @TempDir
    Path dir;

    @Test
    void everyOptionIsGivenSomewhereAndNoFlagOrKeyTwice() {
        List<String> flags = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (TwinOption<?> option : TwinOptions.ALL) {
            assertThat(option.flags().isEmpty() && option.key().isEmpty())
                    .as("%s is given nowhere", option)
                    .isFalse();
            flags.addAll(option.flags());
            option.key().ifPresent(keys::add);
        }
        assertThat(flags).doesNotHaveDuplicates().contains("-a", "--unit", "--unit-id");
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void aNewBuilderHoldsTheTablesDefaults() {
        TwinConfig c = TwinConfig.builder(dir).build();

        assertThat(c.tcp()).contains(HostPort.loopback(5020));
        assertThat(c.http()).contains(HostPort.loopback(8380));
        assertThat(c.turnaround()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.timeScale()).isEqualTo(1.0);
        assertThat(c.identity()).isEqualTo(Identity.typical());
        assertThat(c.factorySettings()).isEqualTo(Settings.factory());
        assertThat(c.initialLoad()).isEqualTo(Load.household());
        assertThat(TwinOptions.TCP.description()).endsWith("(default 127.0.0.1:5020)");
    }

    @Test
    void docsTwinMdListsEveryFlagAndKeyInItsOptionsTable() throws Exception {
        String docs = Files.readString(ProjectRoot.resolve(TwinOptionsTest.class, "docs/twin.md"));
        String table = docs.substring(docs.indexOf("## Options"), docs.indexOf("Durations are written"));
        for (TwinOption<?> option : TwinOptions.ALL) {
            for (String flag : option.flags()) {
                assertThat(table).as("docs/twin.md's options table").containsPattern("`" + flag + "[` ]");
            }
            option.key()
                    .ifPresent(key ->
                            assertThat(table).as("docs/twin.md's options table").contains("`" + key + "`"));
        }
    }
}
