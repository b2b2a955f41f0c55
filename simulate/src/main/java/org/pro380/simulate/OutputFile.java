package org.pro380.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A result file written beside its final name and moved there when complete, so that a failed or
 * interrupted simulation leaves no half-written file under the name asked for.
 */
record OutputFile(Path target, Path partial) {

    static OutputFile at(Path target) {
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; remove it or choose another --out");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new IllegalArgumentException(partial + ": cannot remove: " + e.getMessage());
        }
        return new OutputFile(target, partial);
    }

    void complete() throws IOException {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    void abandon() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // the .part name says what it is
        }
    }
}
