package org.pro380.twin.nv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The state directory or its lock file cannot be created: the meter's memory cannot be
 * initialized, which the twin shows as ERR 80.
 */
public final class StoreUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path stateDir;

    StoreUnavailableException(Path stateDir, String message, IOException cause) {
        super(message, cause);
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }
}
