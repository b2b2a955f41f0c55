package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The interop clients' sources (src/test/resources/interop), copied where a child process can use them. */
final class Resources {

    private Resources() {}

    static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = Resources.class.getResourceAsStream("/interop/" + name)) {
            assertThat(in).as("test resource interop/%s", name).isNotNull();
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
