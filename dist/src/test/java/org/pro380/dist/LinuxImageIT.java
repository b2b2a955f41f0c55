package org.pro380.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux image runs on its own runtime: no java on the PATH, none needed. */
class LinuxImageIT {

    @TempDir
    static Path unpacked;

    private static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(Release.run("tar", "-xzf", Release.linuxImage().toString(), "-C", unpacked.toString())
                        .exitCode())
                .isZero();
        launcher = unpacked.resolve(Release.NAME).resolve("bin/pro380");
    }

    @Test
    void versionNamesTheReleaseWithNoJavaOnThePath() throws Exception {
        Release.Result version = Release.run(Release.NO_JAVA, launcher.toString(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.output()).startsWith("pro380 " + Release.NAME.substring("pro380-".length()));
    }

    @Test
    void theTwinServesAModbusReadWithNoJavaOnThePath(@TempDir Path home) throws Exception {
        Map<String, String> environment = Map.of("PATH", "/nonexistent", "HOME", home.toString());
        String output = Release.twinServesARead(launcher, home.resolve("state"), environment);
        assertThat(output).contains("serial 22091039", "memory saved");
    }

    @Test
    void theBridgeRunsWithAnArchiveOfItsOwnClasses(@TempDir Path tools, @TempDir Path home) throws Exception {
        // the coreutils the launcher makes archives with, and still no java
        for (String tool : List.of("rm", "mkdir", "mv", "readlink")) {
            Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Map<String, String> environment = Map.of("PATH", tools.toString(), "HOME", home.toString());
        Release.Result help = Release.run(environment, launcher.toString(), "bridge", "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        Path lib = unpacked.resolve(Release.NAME).resolve("lib");
        assertThat(lib.resolve("pro380-bridge.jsa")).isNotEmptyFile();
        assertThat(lib.resolve("pro380-bridge.jsa.failed")).doesNotExist();
    }
}
