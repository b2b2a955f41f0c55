package org.pro380.app;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import picocli.CommandLine;

/**
 * Where the main thread's CPU goes in a start of `pro380 twin` (bench/start-steps.sh): the steps
 * of {@link Main} and {@link TwinCommand} in their order, each step's CPU time of this thread
 * (from /proc/thread-self/schedstat, which loads no class) printed as a line "STEP\tMS" once the
 * twin listens. A class of the app's package, so that it calls the same package-private steps.
 *
 * <pre>
 * java LAUNCHER-SETTINGS -cp app/target/pro380.jar:DIR org.pro380.app.StartSteps twin ARGS...
 * </pre>
 */
final class StartSteps {

    private static final StringBuilder LINES = new StringBuilder();
    private static long last;

    public static void main(String[] args) throws Exception {
        step("JVM start to main");
        Main.leanStart();
        Main.startEarly(args[0]);
        CommandLine cli = Main.commandLine("twin");
        step("picocli and the command models, with the twin's option table (Main.commandLine)");
        cli.parseArgs(args);
        step("parsing");
        TwinCommand twin = cli.getSubcommands().get("twin").getCommand();
        TwinConfig config = twin.buildConfig();
        step("the config (TwinCommand.buildConfig)");
        org.pro380.twin.transport.IoTransport.best();
        step("Netty's platform checks and epoll library");
        Twin running = Twin.start(config);
        step("Twin.start (meters, memory, transports bound)");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        running.describeTransports().forEach(line -> out.println("listening: " + line));
        out.print(LINES);
        out.println("done");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void step(String name) throws IOException {
        long now = cpuNanos();
        LINES.append(name).append('\t').append((now - last) / 1_000_000).append('\n');
        last = now;
    }

    /** This thread's CPU time: the first field of schedstat, in nanoseconds. */
    private static long cpuNanos() throws IOException {
        try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
            byte[] text = in.readNBytes(64);
            long nanos = 0;
            for (int i = 0; i < text.length && text[i] >= '0' && text[i] <= '9'; i++) {
                nanos = nanos * 10 + text[i] - '0';
            }
            return nanos;
        }
    }
}
