package org.pro380.twin.nv;

import java.io.IOException;
import java.nio.file.Path;
import org.pro380.meter.Settings;

/**
 * A second twin process for the tests: {@code hold DIR} opens the store, prints {@code held} and
 * keeps it until its stdin closes; {@code save-loop DIR} opens the store, saves once, prints
 * {@code saving} and saves on as fast as it can until it is killed, one kWh more at every save;
 * {@code default-dir DIR} only prints the default state directory of its environment.
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("default-dir")) {
            System.out.println(NvFileStore.defaultStateDir());
            return;
        }
        NvFileStore store;
        try {
            store = NvFileStore.open(Path.of(args[1]));
        } catch (StateDirLockedException | StoreUnavailableException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
            return;
        }
        switch (args[0]) {
            case "hold" -> {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the parent closes our stdin
                }
                store.close();
            }
            case "save-loop" -> {
                long sequence = store.check(Settings.factory()).nextSequence();
                store.save(sequence, Stores.stateOfKwh(sequence));
                System.out.println("saving"); // after a whole save: both copies exist from here on
                System.out.flush();
                while (true) {
                    sequence++;
                    store.save(sequence, Stores.stateOfKwh(sequence));
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
