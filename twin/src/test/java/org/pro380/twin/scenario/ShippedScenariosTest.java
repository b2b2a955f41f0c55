package org.pro380.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pro380.meter.StorageError;
import org.pro380.testkit.Await;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** Every shipped scenario parses, and plays to its end on a site of two meters at a high time scale. */
class ShippedScenariosTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    static final List<String> SHIPPED = Scenarios.SHIPPED;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("SHIPPED")
    void playsToItsEnd(String name) throws Exception {
        Scenario scenario = Scenarios.resolve(name);
        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.description()).isNotBlank();
        TwinConfig config = TwinConfig.forTests(dir.resolve("state"))
                .http(null)
                .meters(2)
                .timeScale(10_000)
                .scenario(scenario)
                .build();
        try (Twin twin = Twin.start(config)) {
            ScenarioRunner runner = twin.scenarios().orElseThrow();
            await(name + " finished", () -> !runner.status().orElseThrow().playing());

            ScenarioRunner.Status status = runner.status().orElseThrow();
            assertThat(status.playback().finished()).isTrue();
            assertThat(status.playback().applied()).isEqualTo(scenario.steps().size());
            assertThat(status.error()).isEmpty();
            assertThat(twin.meters())
                    .allSatisfy(m -> assertThat(m.faults().active()).isEmpty());
            if (name.equals("power-cut-during-write")) {
                assertThat(twin.meters())
                        .allSatisfy(m -> assertThat(m.reading().storageError()).contains(StorageError.ERR_0D));
            }
        }
    }

    @Test
    void everyFileShippedIsPlayedByItsName() throws Exception {
        Path folder = Path.of(
                Scenarios.class.getClassLoader().getResource("scenarios").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".json", "")))
                    .containsExactlyInAnyOrderElementsOf(SHIPPED);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, DEADLINE, condition);
    }
}
