package org.pro380.twin.source;

import java.util.Arrays;

/**
 * An SDM630's input registers 0x0000..0x0047 with hand-written IEEE floats (ABCD): L1 imports
 * inductively, L2 exports, L3 imports capacitively.
 */
final class Sdm630Image {

    static final String WORDS = String.join(
            " ",
            "4366 0000",
            "4367 0000",
            "4365 8000", // 0x00 voltage 230, 231, 229.5 V
            "4080 0000",
            "3f80 0000",
            "4000 0000", // 0x06 current 4, 1, 2 A
            "43e6 0000",
            "c366 0000",
            "43ac 8000", // 0x0C power 460, -230, 345 W
            "4466 0000",
            "4366 0000",
            "43e5 8000", // 0x12 apparent power 920, 230, 459 VA
            "4448 0000",
            "0000 0000",
            "c396 0000", // 0x18 reactive power 800, 0, -300 var
            "3f00 0000",
            "bf80 0000",
            "3f40 0000", // 0x1E power factor 0.5, -1 (reverse current), 0.75
            "0000 ".repeat(0x46 - 0x24).trim(), // 0x24..0x45 not mapped
            "4247 999a"); // 0x46 frequency 49.9 Hz

    private Sdm630Image() {}

    static int[] words() {
        return Arrays.stream(WORDS.split(" +"))
                .mapToInt(w -> Integer.parseInt(w, 16))
                .toArray();
    }
}
