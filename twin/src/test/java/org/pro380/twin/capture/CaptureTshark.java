package org.pro380.twin.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pro380.testkit.ExternalTool;

/** Debian's tshark reading a capture, as docs/capture.md tells a person to. */
final class CaptureTshark {

    private CaptureTshark() {}

    /**
     * The fields of every packet, tab-separated, one line a packet, decoded as docs/capture.md says;
     * {@code "-o", "pref:value"} pairs among the fields are passed on as preferences.
     */
    static List<String> fields(Path capture, int modbusTcpPort, int rtuOverTcpPort, String... fields)
            throws IOException, InterruptedException {
        Path tshark = ExternalTool.require("tshark", "tshark");
        List<String> command = new ArrayList<>(List.of(
                tshark.toString(),
                "-r",
                capture.toString(),
                "-o",
                "mbtcp.tcp.port:" + modbusTcpPort,
                "-o",
                "mbrtu.tcp.port:" + rtuOverTcpPort,
                "-d",
                "rtacser.data,mbrtu",
                "-o",
                "mbrtu.crc_verification:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=/t",
                "-E",
                "occurrence=f"));
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals("-o")) {
                command.add(fields[i++]);
                command.add(fields[i]);
            } else {
                command.add("-e");
                command.add(fields[i]);
            }
        }
        Path errors = Files.createTempFile("tshark", ".txt");
        try {
            Process p =
                    new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("tshark failed on " + capture + ": exit " + p.exitValue() + "\n"
                        + Files.readString(errors) + out);
            }
            return out.lines().toList();
        } finally {
            Files.delete(errors);
        }
    }
}
