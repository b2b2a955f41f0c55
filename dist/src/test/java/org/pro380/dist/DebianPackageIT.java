package org.pro380.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.ExternalTool;

/**
 * The Debian package installed on this machine, used and removed: only on CI, as root (.ci/run),
 * since it changes the machine. It leaves the machine as it found it.
 */
class DebianPackageIT {

    private static final Path STATE = Path.of("/var/lib/pro380");
    private static final Path CONFIG = Path.of("/etc/pro380");

    @Test
    void installsRunsKeepsConfigAndDataOverAReinstallAndLeavesTheDataWhenRemoved(@TempDir Path tmp) throws Exception {
        assumeThat(ExternalTool.onCi() && "root".equals(System.getProperty("user.name")))
                .as("installs a system package: runs on CI (CI=true) as root")
                .isTrue();
        ExternalTool.require("dpkg", "dpkg");
        assertThat(Files.exists(STATE))
                .as("no earlier pro380 state on this machine")
                .isFalse();
        String deb = Release.debianPackage().toString();
        try {
            Release.Result install = Release.run("dpkg", "-i", deb);
            assertThat(install.exitCode()).as(install.output()).isZero();

            Release.Result version = Release.run("/usr/bin/pro380", "--version");
            assertThat(version.output()).startsWith("pro380 " + Release.NAME.substring("pro380-".length()));
            assertThat(Release.run("stat", "-c", "%U %a", STATE.toString())
                            .output()
                            .strip())
                    .isEqualTo("pro380 750");

            String twin = Release.twinServesARead(
                    Path.of("/usr/bin/pro380"),
                    tmp.resolve("state"),
                    Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()));
            assertThat(twin).contains("serial 22091039");

            verifyUnits();

            Files.writeString(CONFIG.resolve("bridge.json"), "{\"lines\": []}\n");
            Files.writeString(STATE.resolve("bridge.db"), "readings");
            Release.Result reinstall = Release.run("dpkg", "-i", deb);
            assertThat(reinstall.exitCode()).as(reinstall.output()).isZero();
            assertThat(Files.readString(CONFIG.resolve("bridge.json"))).isEqualTo("{\"lines\": []}\n");
            assertThat(Files.readString(STATE.resolve("bridge.db"))).isEqualTo("readings");

            Release.Result remove = Release.run("dpkg", "-r", "pro380");
            assertThat(remove.exitCode()).as(remove.output()).isZero();
            assertThat(Path.of("/usr/bin/pro380")).doesNotExist();
            assertThat(Files.readString(STATE.resolve("bridge.db"))).isEqualTo("readings");
            assertThat(Files.readString(CONFIG.resolve("bridge.json"))).isEqualTo("{\"lines\": []}\n");
        } finally {
            Release.run("dpkg", "--purge", "pro380");
            Release.run("rm", "-rf", STATE.toString(), CONFIG.toString());
            Release.run("userdel", "pro380");
        }
    }

    /** systemd's own check of the units, where systemd is installed (not in every container). */
    private static void verifyUnits() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            return;
        }
        for (String unit : new String[] {"pro380-bridge.service", "pro380-twin@.service"}) {
            Release.Result verify = Release.run("systemd-analyze", "verify", "/lib/systemd/system/" + unit);
            assertThat(verify.exitCode()).as(unit + ": " + verify.output()).isZero();
            assertThat(verify.output()).as(unit).doesNotContain("Unknown key", "not executable");
        }
    }
}
