package org.pro380.twin.nv;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another twin, in this process or another, holds the lock on the state directory. */
public final class StateDirLockedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path stateDir;
    private final OptionalLong holderPid;

    StateDirLockedException(Path stateDir, OptionalLong holderPid) {
        super("state directory " + stateDir + " is in use by another twin (pid "
                + (holderPid.isPresent() ? Long.toString(holderPid.getAsLong()) : "unknown") + ")");
        this.stateDir = stateDir;
        this.holderPid = holderPid;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The pid the holder wrote into the lock file, if it could be read. */
    public OptionalLong holderPid() {
        return holderPid;
    }
}
