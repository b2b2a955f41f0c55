package org.pro380.app.client;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.bridge.ui.UiServer;
import org.pro380.client.HostPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 ui}: the PC software with a face, a local web app for real meters. */
@Command(
        name = "ui",
        header = "Reads and configures meters in a local web app (the browser opens).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves a web app on this computer that does what the vendor's PC software",
            "does: choose a serial port or a TCP address, scan the bus, open a meter",
            "(every register, live, with a chart), write its settings (checked and read",
            "back, as 'pro380 set'), export a snapshot, commission new meters one at a",
            "time. Prints the URL and opens the browser unless --no-browser. Off",
            "loopback, changes need the token (generated if not given). Ctrl-C stops it."
        })
public final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--http",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8381",
            description = "where to serve the page (a port alone: loopback; default ${DEFAULT-VALUE})")
    String http;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "the bearer token for changes off loopback (generated if absent)")
    String token;

    @Option(names = "--no-browser", description = "do not open a browser; only print the URL")
    boolean noBrowser;

    @Option(
            names = "--run-for",
            paramLabel = "DURATION",
            converter = DurationText.class,
            description = "stop after this long (default: until Ctrl-C or SIGTERM)")
    Duration runFor;

    @Override
    public Integer call() {
        HostPort bind = bind();
        Optional<String> given = Optional.ofNullable(token).filter(t -> !t.isBlank());
        Optional<String> used = bind.isLoopback()
                ? given
                : Optional.of(given.orElseGet(() -> UUID.randomUUID().toString().replace("-", "")));
        UiServer ui = start(bind, used);
        PrintWriter out = spec.commandLine().getOut();
        out.println("pro380 ui: " + ui.url());
        used.ifPresent(t -> out.println("token for changes: " + t));
        out.flush();
        if (!noBrowser) {
            open(ui.url()).ifPresent(why -> {
                PrintWriter err = spec.commandLine().getErr();
                err.println("note: no browser opened (" + why + "); open " + ui.url() + " yourself");
                err.flush();
            });
        }
        return waitForTheEnd(ui);
    }

    private int waitForTheEnd(UiServer ui) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    ui.close();
                    stopped.countDown();
                },
                "ui shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (runFor == null) {
                stopped.await();
            } else if (stopped.await(runFor.toNanos(), TimeUnit.NANOSECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        ui.close();
        return 0;
    }

    private HostPort bind() {
        try {
            return HostPort.parseListener(http);
        } catch (IllegalArgumentException e) {
            throw new UserError("--http: " + e.getMessage(), ExitCode.USAGE);
        }
    }

    private static UiServer start(HostPort bind, Optional<String> token) {
        try {
            return UiServer.start(bind, token);
        } catch (IOException e) {
            boolean inUse = e.getCause() instanceof BindException
                    || String.valueOf(e.getMessage()).contains("in use");
            throw new UserError(
                    "--http " + bind + ": "
                            + (inUse
                                    ? "the port is in use by another program; give --http another port"
                                    : e.getMessage()),
                    ExitCode.FAILED);
        }
    }

    /** Opens the page in the desktop's browser, else through xdg-open; why not, if neither could. */
    private static Optional<String> open(String url) {
        try {
            if (!GraphicsEnvironment.isHeadless()
                    && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return Optional.empty();
            }
            new ProcessBuilder("xdg-open", url)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
