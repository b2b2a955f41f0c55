package org.pro380.twin.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The scenarios shipped with the twin (resources under {@code scenarios/}) and scenario files, by the name people give. */
public final class Scenarios {

    /** Every shipped scenario, documented in docs/scenarios.md. */
    public static final List<String> SHIPPED =
            List.of("grid-meter-lost", "noisy-bus", "ct-reversed-l2", "power-cut-during-write");

    private Scenarios() {}

    /** A shipped scenario's name, or a .json file; IllegalArgumentException says what is wrong in one line. */
    public static Scenario resolve(String nameOrFile) {
        Optional<Scenario> shipped = shipped(nameOrFile);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        if (!nameOrFile.endsWith(".json") && !Files.exists(Path.of(nameOrFile))) {
            throw new IllegalArgumentException("no scenario '" + nameOrFile + "': the shipped ones are "
                    + String.join(", ", SHIPPED) + "; else give a .json file");
        }
        return file(Path.of(nameOrFile));
    }

    /** The shipped scenario {@code name}, if there is one. */
    public static Optional<Scenario> shipped(String name) {
        if (!SHIPPED.contains(name)) {
            return Optional.empty();
        }
        String resource = "scenarios/" + name + ".json";
        try (InputStream in = Scenarios.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return Optional.of(
                    ScenarioJson.parse(name, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario file, named after the file unless it names itself. */
    public static Scenario file(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return ScenarioJson.parse(dot > 0 ? fileName.substring(0, dot) : fileName, file.toString(), text);
    }
}
