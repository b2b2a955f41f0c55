package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

    @TempDir
    Path dir;

    @Test
    void theRootHoldsTheWrapperAndTheModules() {
        Path root = ProjectRoot.find(ProjectRootTest.class);
        assertThat(root.resolve("mvnw")).isRegularFile();
        assertThat(root.resolve("testkit").resolve("pom.xml")).isRegularFile();
        assertThat(ProjectRoot.resolve(ProjectRootTest.class, "README.md")).isRegularFile();
    }

    @Test
    void theNearestDirectoryWithWrapperAndPomIsFoundFromDeepBelow() throws IOException {
        Path root = Files.createDirectories(dir.resolve("project"));
        Files.writeString(root.resolve("mvnw"), "");
        Files.writeString(root.resolve("pom.xml"), "");
        Path module = Files.createDirectories(root.resolve("registers"));
        Files.writeString(module.resolve("pom.xml"), "");
        Path deep = Files.createDirectories(module.resolve("target/test-classes/org/pro380"));
        assertThat(ProjectRoot.above(deep)).contains(root);
        assertThat(ProjectRoot.above(root)).contains(root);
    }

    @Test
    void aTreeWithoutTheWrapperHasNoRoot() throws IOException {
        Path module = Files.createDirectories(dir.resolve("alone/target"));
        Files.writeString(dir.resolve("alone/pom.xml"), "");
        assertThat(ProjectRoot.above(module)).isEmpty();
    }
}
