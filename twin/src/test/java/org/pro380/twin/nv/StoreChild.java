package org.pro380.twin.nv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pro380.meter.StorageCheck;
import org.pro380.registers.Settings;

/**
 * A second twin process for the tests: {@code hold DIR} opens the store, prints {@code held} and
 * keeps it until its stdin closes; {@code save-loop DIR} opens the store, saves once, prints
 * {@code saving} and saves on as fast as it can until it is killed, one kWh more at every save;
 * {@code site-loop DIR METERS} opens the store, checks a site of METERS meters, prints {@code ready R}
 * (R: the round its memory holds, 0 for a new site) and saves rounds R + 1, R + 2... as fast as it
 * can until it is killed, meter k saving {@link Stores#siteState} (k, round) at its own next
 * sequence, and prints {@code round N} after each round that reached both copies;
 * {@code default-dir DIR} only prints the default state directory of its environment.
 */
public final class StoreChild {

    private StoreChild() {}

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
            case "site-loop" -> saveRounds(store, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void saveRounds(NvFileStore store, int meters) {
        List<StorageCheck> checks = store.check(Collections.nCopies(meters, Settings.factory()));
        long[] sequences = checks.stream().mapToLong(StorageCheck::nextSequence).toArray();
        long round = Stores.roundOf(1, checks.get(0).state());
        System.out.println("ready " + round);
        System.out.flush();
        List<MeterSave> saves = new ArrayList<>(meters);
        while (true) {
            round++;
            saves.clear();
            for (int k = 1; k <= meters; k++) {
                saves.add(MeterSave.of(sequences[k - 1]++, Stores.siteState(k, round)));
            }
            SaveResult result = store.save(saves);
            if (!result.complete()) {
                System.out.println("failed: " + result.failure().orElseThrow());
                System.exit(4);
            }
            System.out.println("round " + round);
            System.out.flush();
        }
    }
}
