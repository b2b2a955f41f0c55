package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No file of the project keeps the markers of a merge conflict (one once reached docs/ unseen). */
class NoMergeMarkersTest {

    private static final Pattern MARKER = Pattern.compile("^(<{7} |>{7} |={7}$)", Pattern.MULTILINE);
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules");

    @Test
    void noFileHoldsConflictMarkers() throws IOException {
        Path root = ProjectRoot.find(NoMergeMarkersTest.class);
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f ->
                            Stream.of(root.relativize(f).toString().split("/")).noneMatch(SKIPPED::contains))
                    .filter(Files::isRegularFile)
                    .forEach(f -> {
                        if (hasMarker(f)) {
                            marked.add(root.relativize(f).toString());
                        }
                    });
        }
        assertThat(marked).as("files with merge conflict markers").isEmpty();
    }

    private static boolean hasMarker(Path file) {
        try {
            return MARKER.matcher(Files.readString(file, StandardCharsets.UTF_8))
                    .find();
        } catch (MalformedInputException e) {
            return false; // not text
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
