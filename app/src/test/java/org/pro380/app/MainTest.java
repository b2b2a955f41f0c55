package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void aCommandLineNamingACommandBuildsThatCommandAloneWithTheSameHelp() {
        CommandLine twin = Main.commandLine("twin");

        assertThat(twin.getSubcommands()).containsOnlyKeys("twin");
        assertThat(twin.getSubcommands().get("twin").getUsageMessage())
                .isEqualTo(Main.commandLine().getSubcommands().get("twin").getUsageMessage());
    }

    @Test
    void theCommandBuiltAloneTakesItsFlags() {
        CommandLine twin = Main.commandLine("twin");

        assertThat(twin.parseArgs("twin", "--tcp", "none", "--meters", "3")
                        .subcommand()
                        .matchedOptions())
                .hasSize(2);
    }

    @Test
    void helpCompletionAndAnythingElseGetEveryCommand() {
        int every = Main.commandLine().getSubcommands().size();

        assertThat(Main.commandLine("help").getSubcommands()).hasSize(every);
        assertThat(Main.commandLine("generate-completion").getSubcommands()).hasSize(every);
        assertThat(Main.commandLine("--version").getSubcommands()).hasSize(every);
        assertThat(Main.commandLine("twim").getSubcommands()).hasSize(every);
    }
}
