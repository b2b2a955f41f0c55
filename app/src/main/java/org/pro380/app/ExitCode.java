package org.pro380.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code pro380} command: one table, printed in each command's help and
 * in docs/exit-codes.md. A failure is one line on stderr and one of these codes.
 */
public enum ExitCode {
    DONE(0, "done"),
    FAILED(
            1,
            "the line or the program failed: a serial device or address that cannot be opened, "
                    + "a connection refused or lost, the wrong kind of port, a port in use, a file that cannot be written"),
    USAGE(
            2,
            "usage or configuration error: an unknown option, an illegal value, a config or input file "
                    + "that is missing or wrong; nothing was sent"),
    NO_REPLY(
            3,
            "a meter did not answer: no reply in time, an incomplete one, a gateway's exception 0x0B; "
                    + "scan found no meter"),
    BAD_REPLY(4, "a damaged reply: a CRC error, a malformed reply, a reply from another unit"),
    REFUSED(5, "the meter refused: an exception reply (0x01..0x04, 0x0A), a write that reads back another value");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The entry for a code; IllegalArgumentException for a code the table does not have. */
    public static ExitCode of(int code) {
        return Arrays.stream(values())
                .filter(e -> e.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("exit code " + code + " is not in the table"));
    }

    /** The table as picocli lists it under "Exit codes:" in every command's help. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode e : values()) {
            list.put(String.valueOf(e.code), e.meaning);
        }
        return list;
    }
}
