package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {

    @Test
    void aMissingToolFailsTheTestOnCi() {
        assertThatThrownBy(() -> ExternalTool.missing("mbpoll is not installed", "mbpoll", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("apt-get install mbpoll");
    }

    @Test
    void aMissingToolSkipsTheTestElsewhere() {
        assertThatThrownBy(() -> ExternalTool.missing("mbpoll is not installed", "mbpoll", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install mbpoll");
    }

    @Test
    void aPresentToolIsFound() {
        assertThat(ExternalTool.require("sh", "dash")).isExecutable();
    }

    @Test
    void anAbsentToolIsReported() {
        assertThatThrownBy(() -> ExternalTool.require("no-such-tool-380", "no-such-package"))
                .hasMessageContaining("no-such-tool-380 is not installed")
                .hasMessageContaining("apt-get install no-such-package");
    }

    @Test
    void aModuleThatCannotBeImportedIsReportedWithPythonsOwnError() {
        Path python = ExternalTool.require("/usr/bin/python3", "python3");
        assertThatThrownBy(() -> ExternalTool.requirePythonModule(python, "no_such_module_380", "python3-no-such"))
                .hasMessageContaining("cannot import no_such_module_380")
                .hasMessageContaining("ModuleNotFoundError: No module named 'no_such_module_380'")
                .hasMessageContaining("apt-get install python3-no-such");
    }

    @Test
    void theErrorOfAModuleImportedByTheRequiredOneIsReported() throws Exception {
        Path python = ExternalTool.require("/usr/bin/python3", "python3");
        Path dir = Files.createTempDirectory("pro380-import-test");
        try {
            Files.writeString(dir.resolve("needs_other_380.py"), "import other_missing_380\n");
            Path wrapper = dir.resolve("python");
            Files.writeString(wrapper, "#!/bin/sh\nPYTHONPATH=" + dir + " exec " + python + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            assertThatThrownBy(() -> ExternalTool.requirePythonModule(wrapper, "needs_other_380", "python3-needs"))
                    .hasMessageContaining("cannot import needs_other_380")
                    .hasMessageContaining("No module named 'other_missing_380'");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void anImportableModuleIsAccepted() {
        Path python = ExternalTool.require("/usr/bin/python3", "python3");
        assertThat(ExternalTool.requirePythonModule(python, "json", "python3")).isEqualTo(python);
    }

    @Test
    void anInterpreterThatCannotRunIsReported() {
        assertThat(ExternalTool.importError(Path.of("/no/such/python380"), "json"))
                .hasValueSatisfying(error -> assertThat(error).contains("cannot run /no/such/python380"));
    }
}
