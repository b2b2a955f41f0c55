package org.pro380.twin.nv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StorageError;
import org.pro380.meter.StoredState;

/** A store opened on a fresh state directory for each test, and what tests do to its files. */
abstract class StoreDirTest {

    @TempDir
    Path tmp;

    Path dir;
    NvFileStore store;

    @BeforeEach
    void open() throws Exception {
        dir = tmp.resolve("state");
        store = NvFileStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Path main() {
        return dir.resolve("main.nv");
    }

    Path backup() {
        return dir.resolve("backup.nv");
    }

    static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }

    static void assertGoesOn(StorageCheck check, Optional<StorageError> error, StoredState state, long nextSequence) {
        assertThat(check.error()).isEqualTo(error);
        assertThat(check.state()).isEqualTo(state);
        assertThat(check.nextSequence()).isEqualTo(nextSequence);
    }
}
