package org.pro380.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.pro380.testkit.ExternalTool;

/** The archives and the package hold what docs/install.md says they hold. */
class ReleaseArchivesIT {

    private static final String N = Release.NAME;

    @Test
    void theLinuxImageHasItsRuntimeTheJarALauncherAndCompletion() throws Exception {
        Map<String, String> modes = tarListing();
        assertThat(modes)
                .containsKeys(
                        N + "/lib/pro380.jar",
                        N + "/runtime/lib/modules",
                        N + "/README.md",
                        N + "/CHANGELOG.md",
                        N + "/completion/pro380.bash",
                        N + "/completion/_pro380",
                        N + "/systemd/pro380-bridge.service",
                        N + "/systemd/pro380-twin@.service",
                        N + "/examples/bridge.json",
                        N + "/examples/twin-example.json");
        assertThat(modes.get(N + "/bin/pro380")).startsWith("-rwxr-xr-x");
        assertThat(modes.get(N + "/runtime/bin/java")).startsWith("-rwxr-xr-x");
    }

    @Test
    void theWindowsZipHasTheJarAndACmdLauncherWithWindowsLineEnds() throws Exception {
        try (ZipFile zip = new ZipFile(Release.windowsZip().toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains(
                            N + "/pro380.cmd",
                            N + "/lib/pro380.jar",
                            N + "/README.md",
                            N + "/CHANGELOG.md",
                            N + "/completion/pro380.bash",
                            N + "/examples/bridge.json");
            String cmd = new String(
                    zip.getInputStream(zip.getEntry(N + "/pro380.cmd")).readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(cmd)
                    .contains("\r\n")
                    .doesNotContain("\n\n")
                    .contains("-jar \"%~dp0lib\\pro380.jar\" %*")
                    .contains("no Java runtime found");
        }
    }

    @Test
    void theDebianPackageHasTheLauncherTheJarTheUnitsAndCompletion() throws Exception {
        ExternalTool.require("dpkg-deb", "dpkg");
        String contents = Release.run("dpkg-deb", "-c", Release.debianPackage().toString())
                .output();
        assertThat(contents)
                .contains(
                        "./usr/share/pro380/pro380.jar",
                        "./lib/systemd/system/pro380-bridge.service",
                        "./lib/systemd/system/pro380-twin@.service",
                        "./usr/share/bash-completion/completions/pro380",
                        "./usr/share/zsh/vendor-completions/_pro380",
                        "./usr/share/doc/pro380/README.md",
                        "./usr/share/doc/pro380/CHANGELOG.md",
                        "./usr/share/doc/pro380/examples/bridge.json",
                        "./etc/pro380/");
        assertThat(contents.lines()
                        .filter(l -> l.endsWith("./usr/bin/pro380"))
                        .findFirst()
                        .orElseThrow())
                .startsWith("-rwxr-xr-x");
        assertThat(contents).doesNotContain("./var/lib/pro380/");

        Release.Result control =
                Release.run("dpkg-deb", "-f", Release.debianPackage().toString(), "Package", "Architecture", "Depends");
        assertThat(control.output())
                .contains("Package: pro380", "Architecture: all", "Depends: java17-runtime-headless");
    }

    @Test
    void bashCompletesCommandsAndFlagsFromTheCommandsThemselves() throws Exception {
        ExternalTool.require("bash", "bash");
        String script = Release.DIR.resolve("completion/pro380.bash").toString();
        assertThat(complete(script, "pro380", "tw")).isEqualTo("twin");
        assertThat(complete(script, "pro380", "twin", "--time-s")).isEqualTo("--time-scale");
        assertThat(complete(script, "pro380", "read", "--ser")).isEqualTo("--serial");
    }

    /** What bash offers for the last word, outside an interactive shell (compopt's complaint about that aside). */
    private static String complete(String script, String... words) throws IOException, InterruptedException {
        String array = Arrays.stream(words).map(w -> "'" + w + "'").collect(Collectors.joining(" "));
        String bash = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; _complete_pro380 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        return Release.run("bash", "-c", bash).output().strip();
    }

    /** Entry name to its mode column, as {@code tar -tvzf} lists them. */
    private static Map<String, String> tarListing() throws IOException, InterruptedException {
        Release.Result listing =
                Release.run("tar", "-tvzf", Release.linuxImage().toString());
        assertThat(listing.exitCode()).isZero();
        return listing.output()
                .lines()
                .map(l -> l.split("\\s+"))
                .collect(Collectors.toMap(f -> f[f.length - 1].replaceAll("/$", ""), f -> f[0], (a, b) -> a));
    }
}
