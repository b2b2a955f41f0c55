package org.pro380.twin.http;

import static org.pro380.client.format.Json.f32;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.MeterReading;
import org.pro380.meter.RegisterAccessException;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last minutes of what the panel's charts show, kept by the twin, so that a panel opened or
 * reloaded now starts with them: per sample the time on the wall clock (a twin running at
 * {@code --time-scale} shows its last real minutes, as the panel always did), whether the meter
 * was on, and the registers of {@link #SERIES}. Bounded: {@link #WINDOW} of samples, one a {@link #PERIOD}, for at
 * most {@link #MAX_METERS} meters: the site's first ones from the start, any other from the
 * first time its panel asks, the one asked for least recently making room.
 */
final class MeterHistory implements AutoCloseable {

    static final List<Register<Double>> SERIES = List.of(
            Registers.ACTIVE_POWER_L1,
            Registers.ACTIVE_POWER_L2,
            Registers.ACTIVE_POWER_L3,
            Registers.ACTIVE_POWER,
            Registers.FORWARD_ACTIVE_ENERGY,
            Registers.REVERSE_ACTIVE_ENERGY);
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_METERS = 64;
    /** Meters kept from the start: a small site's every meter. */
    static final int FIRST_METERS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(MeterHistory.class);

    /** One sample; a value the meter would refuse to read (energy while its memory is unreadable) is NaN. */
    private record Sample(Instant time, boolean powered, float[] values) {}

    private final TwinSite site;
    private final Clock clock;
    /** By meter index, in order of the last ask. */
    private final Map<Integer, ArrayDeque<Sample>> kept = new LinkedHashMap<>();

    private ScheduledExecutorService sampler;
    private boolean failed;

    MeterHistory(TwinSite site, Clock clock) {
        this.site = site;
        this.clock = clock;
        List<? extends SiteMeter> meters = site.meters();
        for (int i = 0; i < Math.min(FIRST_METERS, meters.size()); i++) {
            kept.put(meters.get(i).index(), new ArrayDeque<>());
        }
    }

    /** A history of {@code site} sampled every {@link #PERIOD} on a thread of its own until it is closed. */
    static MeterHistory start(TwinSite site) {
        MeterHistory history = new MeterHistory(site, Clock.systemUTC());
        history.sampler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("pro380-history", true));
        history.sampler.scheduleAtFixedRate(history::sampleSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return history;
    }

    /** A fault is logged once (with where it happened), not every second; the history goes on without it. */
    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            if (!failed) {
                failed = true;
                LOG.warn("the panel's history could not be sampled", e);
            }
        }
    }

    /** Takes one sample of every meter kept. */
    void sample() {
        List<? extends SiteMeter> meters = site.meters();
        Instant now = clock.instant();
        for (int index : keptMeters()) {
            add(index, sample(now, meters.get(index - 1).reading()));
        }
    }

    private synchronized List<Integer> keptMeters() {
        return List.copyOf(kept.keySet());
    }

    private synchronized void add(int index, Sample sample) {
        ArrayDeque<Sample> samples = kept.get(index);
        if (samples == null) {
            return;
        }
        samples.addLast(sample);
        while (samples.getFirst().time().isBefore(sample.time().minus(WINDOW))) {
            samples.removeFirst();
        }
    }

    private static Sample sample(Instant time, MeterReading reading) {
        float[] values = new float[SERIES.size()];
        for (int i = 0; i < values.length; i++) {
            Register<Double> r = SERIES.get(i);
            try {
                reading.words(r.address(), r.words());
                values[i] = ((Double) reading.value(r)).floatValue();
            } catch (RegisterAccessException e) {
                values[i] = Float.NaN;
            }
        }
        return new Sample(time, reading.powered(), values);
    }

    /**
     * {@code GET /api/history}: {"meter":1,"periodMillis":1000,"windowMillis":300000,
     * "time":[epoch ms...],"powered":[true...],"active-power-l1":[0.0..],...}, oldest first; a
     * value the meter would refuse is null. Keeps the meter from now on if it was not kept.
     */
    synchronized ObjectNode of(SiteMeter meter) {
        ArrayDeque<Sample> samples = kept.remove(meter.index());
        if (samples == null) {
            samples = new ArrayDeque<>();
        }
        kept.put(meter.index(), samples);
        if (kept.size() > MAX_METERS) {
            kept.remove(kept.keySet().iterator().next());
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("meter", meter.index());
        doc.put("periodMillis", PERIOD.toMillis());
        doc.put("windowMillis", WINDOW.toMillis());
        ArrayNode times = doc.putArray("time");
        ArrayNode powered = doc.putArray("powered");
        ArrayNode[] series = new ArrayNode[SERIES.size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = doc.putArray(SERIES.get(i).key());
        }
        for (Sample s : samples) {
            times.add(s.time().toEpochMilli());
            powered.add(s.powered());
            for (int i = 0; i < series.length; i++) {
                float v = s.values()[i];
                if (Float.isNaN(v)) {
                    series[i].addNull();
                } else {
                    series[i].add(f32(v));
                }
            }
        }
        return doc;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
