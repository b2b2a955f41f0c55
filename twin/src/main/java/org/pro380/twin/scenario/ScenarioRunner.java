package org.pro380.twin.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.pro380.twin.SiteMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one scenario at a time on a site's meters, in meter time: one thread for the twin wakes
 * when the meter clock reaches the next step (the wait in real time is the meter time left divided
 * by the time scale) and applies every step {@link Playback} says is due. A new scenario replaces
 * the one playing; stopping leaves what the steps set. Thread-safe.
 */
public final class ScenarioRunner implements AutoCloseable {

    /**
     * How a scenario stands, as {@code GET /api/scenario} shows it.
     *
     * @param playing false once stopped or finished
     * @param position meter time into the current pass
     * @param nextIn meter time until the next step; empty when finished
     * @param error what went wrong applying the last step that failed, if one did
     */
    public record Status(
            Playback playback, boolean playing, Duration position, Optional<Duration> nextIn, Optional<String> error) {}

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final List<? extends SiteMeter> meters;
    private final Clock clock;
    private final double timeScale;
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pro380-scenario");
        t.setDaemon(true);
        return t;
    });

    private Playback playback;
    private boolean playing;
    private Optional<String> error = Optional.empty();
    private ScheduledFuture<?> wakeUp;
    /** Which play a wake-up belongs to: one scheduled for a scenario since replaced does nothing. */
    private long generation;

    /**
     * @param meters the site's meters, meter k at index k - 1
     * @param clock the meters' (scaled) clock
     * @param timeScale meter seconds per real second
     */
    public ScenarioRunner(List<? extends SiteMeter> meters, Clock clock, double timeScale) {
        this.meters = List.copyOf(meters);
        this.clock = clock;
        this.timeScale = timeScale;
    }

    /**
     * Plays {@code scenario} from now, replacing the one playing. One that names a meter the site
     * does not have, or plays a profile on a meter that mirrors a source, is an
     * IllegalArgumentException of one line, and nothing changes.
     */
    public synchronized void play(Scenario scenario) {
        check(scenario);
        cancel();
        playback = Playback.from(scenario, clock.instant());
        playing = true;
        error = Optional.empty();
        long play = generation;
        wakeUp = wakeUps.schedule(() -> wake(play), 0, TimeUnit.NANOSECONDS);
    }

    /** Stops the scenario playing, if one is; what its steps set stays. */
    public synchronized void stop() {
        cancel();
        playing = false;
    }

    /** The scenario last played and how it stands; empty if none was played. */
    public synchronized Optional<Status> status() {
        if (playback == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Duration> nextIn = playing
                ? playback.nextAt().map(t -> t.isAfter(now) ? Duration.between(now, t) : Duration.ZERO)
                : Optional.empty();
        return Optional.of(new Status(playback, playing, playback.position(now), nextIn, error));
    }

    @Override
    public synchronized void close() {
        cancel();
        playing = false;
        wakeUps.shutdownNow();
    }

    private void check(Scenario scenario) {
        scenario.checkMeters(meters.size());
        for (Step step : scenario.steps()) {
            boolean profile = step.actions().stream().anyMatch(Action.PlayProfile.class::isInstance);
            for (SiteMeter meter : profile ? meters(step) : List.<SiteMeter>of()) {
                if (meter.source().isPresent()) {
                    throw new IllegalArgumentException("step " + step.number() + ": meter " + meter.index()
                            + " mirrors " + meter.source().get().source()
                            + ": its load comes from there, not from a profile");
                }
            }
        }
    }

    private List<? extends SiteMeter> meters(Step step) {
        return step.meters().isEmpty()
                ? meters
                : step.meters().stream().map(k -> meters.get(k - 1)).toList();
    }

    private synchronized void wake(long play) {
        if (play != generation || !playing) {
            return;
        }
        Playback.Advance advance = playback.advance(clock.instant());
        playback = advance.after();
        advance.due().forEach(this::apply);
        Optional<Instant> next = playback.nextAt();
        if (next.isEmpty()) {
            playing = false;
            return;
        }
        long meterNanos =
                Math.max(0, Duration.between(clock.instant(), next.get()).toNanos());
        wakeUp = wakeUps.schedule(() -> wake(play), (long) Math.ceil(meterNanos / timeScale), TimeUnit.NANOSECONDS);
    }

    private void apply(Step step) {
        for (SiteMeter meter : meters(step)) {
            for (Action action : step.actions()) {
                try {
                    action.applyTo(meter);
                } catch (RuntimeException e) {
                    String why = "step " + step.number() + ": meter " + meter.index() + ": " + action.name() + ": "
                            + e.getMessage();
                    error = Optional.of(why);
                    LOG.warn("scenario {}: {}", playback.scenario().name(), why);
                }
            }
        }
    }

    private void cancel() {
        generation++;
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
    }
}
