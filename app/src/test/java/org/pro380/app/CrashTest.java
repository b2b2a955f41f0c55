package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.registers.Block;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * A Modbus master polls the whole energy block while the twin process is killed with SIGKILL at
 * random moments, powered off and on through the API, and stopped cleanly, then restarted each
 * time on the same memory at time scale 20: no energy register it reads ever goes down, every
 * restart passes its storage check, and the memory a restart resumes from holds at least what the
 * master last saw and at most one save interval more (what it shows is never stale).
 */
class CrashTest {

    /** 34 in the suite; a long run by hand: {@code ./mvnw -pl app -am test -Dtest=CrashTest -Dpro380.crash.restarts=300}. */
    private static final int RESTARTS = Integer.getInteger("pro380.crash.restarts", 34);

    private static final double TIME_SCALE = 20;
    private static final double SAVE_INTERVAL_S = 10;
    /** Household load of the default config, in kW (forward + reverse of all phases). */
    private static final double LOAD_KW = 0.230 * (10 * 0.98 + 5 * 0.95 + 2 * 0.9);
    /** A save may start up to 0.3 s (real) late on a busy 2-core machine; in meter seconds. */
    private static final double SCHEDULING_SLACK_S = 0.3 * TIME_SCALE;

    private static final int SITE = 1000;
    private static final int SITE_KILLS = 8;
    private static final Pattern MODBUS_PORT = Pattern.compile("Modbus TCP on [^:]+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("control API on http://([^/]+)/");
    private static final List<Register<?>> ENERGY = Registers.MAP.in(Block.ENERGY);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noEnergyRegisterAMasterReadsEverGoesDownAcrossKillsPowerCutsAndStops(@TempDir Path state) throws Exception {
        Random random = new Random(380);
        EnergyPoller poller = new EnergyPoller();
        double lastStart = 0;
        for (int i = 0; i <= RESTARTS; i++) {
            try (TwinProcess twin = TwinProcess.start(
                    state,
                    "--time-scale",
                    String.valueOf(TIME_SCALE),
                    "--save-interval",
                    (long) (SAVE_INTERVAL_S * 1000) + "ms")) {
                JsonNode s = twin.state();
                assertThat(s.path("storageError").isNull())
                        .as("restart %d storage check: %s", i, s.path("storageError"))
                        .isTrue();
                double start =
                        s.path("registers").path("active-energy").path("value").asDouble();
                assertThat(start).as("energy at restart %d", i).isGreaterThanOrEqualTo(lastStart);
                lastStart = start;
                if (i == RESTARTS) {
                    break;
                }
                Thread polling = poller.pollUntilTheConnectionEnds(modbusPort(twin));
                poller.awaitRead(i);
                Thread.sleep(100 + random.nextInt(900));
                if (i % 12 == 5) {
                    powerCycle(twin);
                    poller.awaitReadsAfter(poller.reads() + 2, i);
                    Thread.sleep(random.nextInt(500));
                }
                if (i % 12 == 11) {
                    assertThat(twin.stop())
                            .as("clean stop %d (SIGTERM: 128 + 15)", i)
                            .isIn(0, 143);
                } else {
                    twin.kill();
                }
                polling.join(Duration.ofSeconds(30).toMillis());
                assertThat(polling.isAlive()).as("poller ended with the twin").isFalse();
                double saved = savedKwh(state);
                double seen = poller.maxSeenKwh(Registers.ACTIVE_ENERGY);
                assertThat(saved)
                        .as("memory after stop %d against what the master saw", i)
                        .isGreaterThanOrEqualTo(seen - 1e-6)
                        .isLessThanOrEqualTo(seen + LOAD_KW * (SAVE_INTERVAL_S + SCHEDULING_SLACK_S) / 3600);
            }
        }
        assertThat(poller.decreases()).as("energy values that went down").isEmpty();
        assertThat(poller.reads()).isGreaterThan(RESTARTS);
        assertThat(lastStart).isGreaterThan(0);
    }

    /** The total active energy the next power-on resumes from: the newest intact copy's. */
    private static double savedKwh(Path state) throws IOException {
        long newest = -1;
        double kWh = 0;
        for (String name : new String[] {"main.nv", "backup.nv"}) {
            if (NvCodec.decode(Files.readAllBytes(state.resolve(name))) instanceof NvCopy.Intact copy
                    && copy.sequence() > newest) {
                newest = copy.sequence();
                kWh = copy.totalActiveMilli() / 1e6;
            }
        }
        assertThat(newest).as("an intact copy in %s", state).isNotNegative();
        return kWh;
    }

    @Test
    void aSiteOfAThousandMetersComesBackIntactFromEveryKill(@TempDir Path state) throws Exception {
        Random random = new Random(381);
        long[] lastSaved = new long[SITE];
        for (int i = 0; i < SITE_KILLS; i++) {
            try (TwinProcess twin = TwinProcess.start(
                    state,
                    "--meters",
                    String.valueOf(SITE),
                    "--time-scale",
                    String.valueOf(TIME_SCALE),
                    "--save-interval",
                    (long) (SAVE_INTERVAL_S * 1000) + "ms")) {
                Thread.sleep(200 + random.nextInt(800));
                twin.kill();
            }
            byte[] main = Files.readAllBytes(state.resolve("main.nv"));
            byte[] backup = Files.readAllBytes(state.resolve("backup.nv"));
            for (int k = 0; k < SITE; k++) {
                NvCopy.Intact a = intact(main, k, "main", i);
                NvCopy.Intact b = intact(backup, k, "backup", i);
                assertThat(Math.abs(a.sequence() - b.sequence()))
                        .as("meter %d after kill %d: copies one save apart", k + 1, i)
                        .isLessThanOrEqualTo(1);
                long saved = Math.max(a.totalActiveMilli(), b.totalActiveMilli());
                assertThat(saved).as("meter %d after kill %d", k + 1, i).isGreaterThanOrEqualTo(lastSaved[k]);
                assertThat(a.state().powerCounter())
                        .as("meter %d power-ons", k + 1)
                        .isGreaterThanOrEqualTo(i + 1);
                lastSaved[k] = saved;
            }
        }
        assertThat(java.util.Arrays.stream(lastSaved).min().orElseThrow())
                .as("least energy saved by a meter")
                .isPositive();
    }

    private static NvCopy.Intact intact(byte[] file, int meter, String name, int kill) {
        NvCopy copy = NvCodec.decode(
                java.util.Arrays.copyOfRange(file, meter * NvCodec.LENGTH, (meter + 1) * NvCodec.LENGTH));
        assertThat(copy)
                .as("%s record of meter %d after kill %d", name, meter + 1, kill)
                .isInstanceOf(NvCopy.Intact.class);
        return (NvCopy.Intact) copy;
    }

    private void powerCycle(TwinProcess twin) throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + httpHostPort(twin) + "/api/power"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"on\":" + on + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("power %s: %s", on, r.body()).isEqualTo(200);
        }
    }

    private static int modbusPort(TwinProcess twin) {
        return Integer.parseInt(startupLine(twin, MODBUS_PORT));
    }

    private static String httpHostPort(TwinProcess twin) {
        return startupLine(twin, HTTP);
    }

    private static String startupLine(TwinProcess twin, Pattern pattern) {
        for (String line : twin.startupOutput()) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + pattern + " in: " + twin.startupOutput());
    }

    /** Reads the energy block over Modbus TCP as fast as replies come, and keeps the highest value of each register. */
    private static final class EnergyPoller {
        private final float[] max = new float[ENERGY.size()];
        private final List<String> decreases = new ArrayList<>();
        private final AtomicLong reads = new AtomicLong();
        private volatile int incarnation = -1;
        private volatile int lastIncarnationRead = -1;

        Thread pollUntilTheConnectionEnds(int port) {
            incarnation++;
            int mine = incarnation;
            Thread t = new Thread(() -> poll(port, mine), "energy-poller");
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Polls, reconnecting after a read without reply (powered off), until the twin refuses or drops the connection. */
        private void poll(int port, int mine) {
            while (pollOneConnection(port, mine)) {
                // no reply in time: the meter was powered off; ask again on a fresh connection
            }
        }

        /** True when the read timed out, false when the twin has gone. */
        private boolean pollOneConnection(int port, int mine) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int quantity = Block.ENERGY.size();
                for (int tid = 0; ; tid = (tid + 1) & 0xFFFF) {
                    out.write(new byte[] {
                        (byte) (tid >> 8),
                        (byte) tid,
                        0,
                        0,
                        0,
                        6,
                        1,
                        3,
                        (byte) (Block.ENERGY.first() >> 8),
                        (byte) Block.ENERGY.first(),
                        0,
                        (byte) quantity
                    });
                    byte[] header = new byte[9];
                    in.readFully(header);
                    if ((header[7] & 0xFF) != 3) {
                        continue; // exception 04 while powered back on with an unknown memory: nothing to compare
                    }
                    byte[] data = new byte[quantity * 2];
                    in.readFully(data);
                    record(data, mine);
                }
            } catch (SocketTimeoutException e) {
                return true;
            } catch (IOException e) {
                return false; // the twin was killed or stopped: this incarnation's polling ends
            }
        }

        private synchronized void record(byte[] data, int mine) {
            for (int k = 0; k < ENERGY.size(); k++) {
                int at = (ENERGY.get(k).address() - Block.ENERGY.first()) * 2;
                float value = Float.intBitsToFloat((data[at] & 0xFF) << 24
                        | (data[at + 1] & 0xFF) << 16
                        | (data[at + 2] & 0xFF) << 8
                        | (data[at + 3] & 0xFF));
                if (value < max[k]) {
                    decreases.add(String.format(
                            "%s: %s after %s (restart %d)", ENERGY.get(k).key(), value, max[k], mine));
                }
                max[k] = Math.max(max[k], value);
            }
            reads.incrementAndGet();
            lastIncarnationRead = mine;
        }

        void awaitRead(int mine) throws InterruptedException {
            await(() -> lastIncarnationRead >= mine, "a first read of restart " + mine);
        }

        void awaitReadsAfter(long count, int mine) throws InterruptedException {
            await(() -> reads.get() >= count, "reads again after the power cycle of restart " + mine);
        }

        private static void await(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as(what).isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        synchronized double maxSeenKwh(Register<?> register) {
            return max[ENERGY.indexOf(register)];
        }

        synchronized List<String> decreases() {
            return List.copyOf(decreases);
        }

        long reads() {
            return reads.get();
        }
    }
}
