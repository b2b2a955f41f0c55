package org.pro380.testkit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's top directory (the one that holds {@code mvnw} and the parent {@code pom.xml}),
 * for tests that check a file there such as the README. Found by walking up from where the
 * test's classes were compiled, so it does not matter which directory the test runs in.
 */
public final class ProjectRoot {

    private ProjectRoot() {}

    /** {@code relative} under the project's top directory; {@code anchor} is any class of the calling test. */
    public static Path resolve(Class<?> anchor, String relative) {
        return find(anchor).resolve(relative);
    }

    /** The project's top directory, above {@code anchor}'s compiled classes or else above the working directory. */
    public static Path find(Class<?> anchor) {
        return classes(anchor)
                .flatMap(ProjectRoot::above)
                .or(() -> above(Path.of(System.getProperty("user.dir"))))
                .orElseThrow(() -> new IllegalStateException("no directory with mvnw and pom.xml above "
                        + classes(anchor).map(Path::toString).orElse("?") + " or " + System.getProperty("user.dir")));
    }

    /** The nearest directory at or above {@code start} that holds mvnw and pom.xml. */
    static Optional<Path> above(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> classes(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            return source == null
                    ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
