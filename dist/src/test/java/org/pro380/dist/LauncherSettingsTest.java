package org.pro380.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JVM settings the launchers take from jvm.sh, for the command they start. */
class LauncherSettingsTest {

    private static final Path JVM_SH = Path.of("src", "launcher", "jvm.sh");

    @ParameterizedTest
    @ValueSource(strings = {"twin", "simulate", "read", ""})
    void everyCommandButTheBridgeKeepsBothCompilers(String command) throws Exception {
        assertThat(settings(command))
                .contains("-XX:+UseSerialGC", "-Xss512k")
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twin", "bridge", "simulate"})
    void theCLibrarysFreeMemoryGoesBackToTheSystemEverySecond(String command) throws Exception {
        assertThat(settings(command)).contains("-XX:TrimNativeHeapInterval=1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twin"})
    void theTwinsSecondCompilerInlinesOnlySmallMethodsSoThatOneCompilationStaysSmall(String command) throws Exception {
        assertThat(settings(command)).contains("-XX:FreqInlineSize=100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "bridge", "read", ""})
    void otherCommandsInlineAsTheJvmDoes(String command) throws Exception {
        assertThat(settings(command)).noneMatch(setting -> setting.startsWith("-XX:FreqInlineSize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"twin", "bridge"})
    void theWindowsLauncherPassesTheSameSettingsButTheCLibrarysTrim(String command) throws Exception {
        String cmd = Files.readString(Path.of("src", "launcher", "pro380.cmd"));
        assertThat(settings(command).stream()
                        .filter(setting ->
                                !setting.contains("TrimNativeHeap") && !setting.contains("IgnoreUnrecognized")))
                .allSatisfy(setting -> assertThat(cmd).contains(setting));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bridge"})
    void theBridgeRunsWithTheFirstCompilerOnly(String command) throws Exception {
        assertThat(settings(command)).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /** pro380_opts as jvm.sh sets them for {@code command}, without the class-data archive. */
    private static List<String> settings(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source \"$1\" && pro380_jvm java pro380.jar \"$2\" && printf '%s\\n' \"${pro380_opts[@]}\"",
                        "settings",
                        JVM_SH.toString(),
                        command)
                .redirectErrorStream(true);
        builder.environment().put("PRO380_CDS", "off");
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
