package io.clickstream.producer;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.DailyCurve;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitLength;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How busy the simulated shop is and where its timeline runs, for one run; decided once at start-up.
 *
 * <ul>
 *   <li><b>Sessions per second</b> (simulated time): {@code --session-rate}, or derived from the rate so that the
 *       run sends {@code --rate} events per real second on average: rate / (speedup x mean events per session).
 *       With {@code --rate 0} there is no rate to derive it from: {@link SimulationSettings#NOMINAL_SESSIONS_PER_SECOND}.
 *   <li><b>Start</b>: with a rate, the run's clock at start-up (the wall clock, or {@code --start-time}); each event
 *       is then sent when its time comes on that clock. With {@code --rate 0} events are made as fast as possible but
 *       never before their time on the wall clock, so the timeline starts in the past: at {@code --start-time}, or
 *       early enough that the shop needs the whole span up to now for {@code --events} events (an hour for a run
 *       without an event limit). Such a run back-fills at full speed, then goes on in real time.
 *   <li><b>Warm-up</b>: the shop opens before the start (up to {@link #MAX_WARM_UP}, at most a session timeout),
 *       so sessions are in progress from the first event on, as in a shop that was already open.
 * </ul>
 *
 * @param settings the model's settings with the sessions per second resolved
 * @param start the time of the first event sent
 * @param warmUp how long the shop has been open at {@code start}
 * @param meanEventsPerSession what the behaviour settings give ({@link VisitLength})
 * @param sessionRateSource where the sessions per second come from, for the log
 */
public record SimulationPlan(SimulationSettings settings, Instant start, Duration warmUp, double meanEventsPerSession,
        String sessionRateSource) {
    static final Duration MAX_WARM_UP = Duration.ofMinutes(30);
    /**
     * A warm-up makes events and throws them away (up to half a microsecond each with hundreds of thousands of
     * sessions in progress): beyond this many, start-up takes seconds. A shop opened from empty reaches 75 % of
     * its event rate after 3 minutes, 97 % after 10 (the long sessions take their time): up to 5,000 events per
     * second the warm-up covers those 10 minutes; above, the rate climbs to its mean over the first minutes.
     */
    static final long WARM_UP_EVENT_BUDGET = 3_000_000;
    /** With {@code --rate 0}, no start time and no event limit: how far back the timeline starts. */
    static final Duration OPEN_ENDED_LOOKBACK = Duration.ofHours(1);
    /** Room for chance: the shop's event rate varies, and a timeline that ran past now would have to wait. */
    private static final double LOOKBACK_MARGIN = 1.1;

    /** The fewest sessions per simulated second the model takes (as {@code --session-rate}): rarer arrivals overflow its clock. */
    public static final double MIN_SESSIONS_PER_SECOND = 0.001;
    /** How far back a {@code --rate 0} run may start its timeline to hold {@code --events} events. */
    static final Duration MAX_LOOKBACK = Duration.ofDays(3650);
    /** The consumer takes event times in {@code [2000, 2100)}: a timeline must stay within. */
    static final Instant LATEST_EVENT_TIME = Instant.parse("2100-01-01T00:00:00Z");

    public SimulationPlan {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(sessionRateSource, "sessionRateSource");
    }

    /**
     * @param now the run's clock at start-up: the simulated clock with a rate, the wall clock with {@code --rate 0}
     */
    public static SimulationPlan of(ProducerConfig config, Instant now) {
        SimulationSettings settings = config.simulation();
        double meanEvents = VisitLength.meanEventsPerSession(settings);
        String source = "--session-rate";
        if (config.sessionRateDerived() && config.rate() > 0) {
            settings = settings.withSessionsPerSecond(config.rate() / (config.speedup() * meanEvents));
            source = String.format(Locale.ROOT, "derived: --rate %s / (--speedup %s x %.2f events per session)",
                    plain(config.rate()), plain(config.speedup()), meanEvents);
        } else if (config.sessionRateDerived()) {
            source = "nominal: --rate 0 has no rate to derive it from";
        }
        double eventsPerSecond = settings.sessionsPerSecond() * meanEvents;
        Instant start;
        if (config.startTime() != null) {
            start = config.startTime();
        } else if (config.rate() > 0) {
            start = now;
        } else {
            Duration span = config.events() == 0 ? OPEN_ENDED_LOOKBACK
                    : Duration.ofMillis(Math.round(config.events() / eventsPerSecond * LOOKBACK_MARGIN * 1000));
            start = now.minus(span);
        }
        double peakEventsPerSecond = eventsPerSecond * (settings.diurnal() ? DailyCurve.SHOP.max() : 1);
        Duration affordable = Duration.ofMillis(Math.round(WARM_UP_EVENT_BUDGET / peakEventsPerSecond * 1000));
        Duration warmUp = min(min(MAX_WARM_UP, settings.sessionTimeout()), affordable);
        return new SimulationPlan(settings, start.truncatedTo(ChronoUnit.MILLIS), warmUp, meanEvents, source);
    }

    /**
     * Settings that are each valid alone but give a timeline the model cannot run or the consumer would reject:
     * a rate so low that sessions arrive less than {@link #MIN_SESSIONS_PER_SECOND}; with {@code --rate 0}, a start
     * time in the future (nothing would be sent until then) or more events than {@link #MAX_LOOKBACK} holds; a start
     * time whose events would run past 2100. Each becomes one problem naming the setting.
     *
     * @param now the wall clock at start-up
     */
    static void checkTimeline(ProducerConfig config, Instant now, ConfigReader reader) {
        boolean unthrottled = config.rate() == 0;
        boolean needsMean = !unthrottled && config.sessionRateDerived()
                || unthrottled && config.events() > 0 && config.startTime() == null
                || config.startTime() != null && config.events() > 0;
        double meanEvents = needsMean ? VisitLength.meanEventsPerSession(config.simulation()) : Double.NaN;
        double sessionsPerSecond = !unthrottled && config.sessionRateDerived()
                ? config.rate() / (config.speedup() * meanEvents)
                : config.simulation().sessionsPerSecond();
        if (!unthrottled && config.sessionRateDerived() && !(sessionsPerSecond >= MIN_SESSIONS_PER_SECOND)) {
            reader.problem(ProducerConfig.RATE, reader.string(ProducerConfig.RATE), String.format(Locale.ROOT,
                    "with %s=%s gives %.3g sessions per simulated second (%.2f events per session), fewer than the "
                            + "simulation takes (%s): raise the rate or lower the speedup",
                    ProducerConfig.SPEEDUP.env(), plain(config.speedup()), sessionsPerSecond, meanEvents,
                    plain(MIN_SESSIONS_PER_SECOND)));
            return;
        }
        if (unthrottled && config.startTime() != null && config.startTime().isAfter(now)) {
            reader.problem(ProducerConfig.START_TIME, reader.string(ProducerConfig.START_TIME),
                    "is in the future: with " + ProducerConfig.RATE.env() + "=0 an event is sent only once its time has "
                            + "come on the wall clock, so nothing would be sent before then; give a rate, or an earlier start");
            return;
        }
        double eventsPerSecond = sessionsPerSecond * meanEvents; // of simulated time, on average; NaN without the mean
        if (unthrottled && config.startTime() == null && config.events() > 0) {
            double spanSeconds = config.events() / eventsPerSecond * LOOKBACK_MARGIN;
            if (spanSeconds > MAX_LOOKBACK.toSeconds()) {
                long most = (long) (MAX_LOOKBACK.toSeconds() * eventsPerSecond / LOOKBACK_MARGIN);
                reader.problem(ProducerConfig.EVENTS, reader.string(ProducerConfig.EVENTS), String.format(Locale.ROOT,
                        "with %s=0 would start the simulated timeline %,.0f days back (%.1f events per simulated second), "
                                + "more than %d: at most %,d events, or a higher %s",
                        ProducerConfig.RATE.env(), spanSeconds / 86_400, eventsPerSecond, MAX_LOOKBACK.toDays(), most,
                        ProducerConfig.SESSION_RATE.env()));
            }
            return;
        }
        if (config.startTime() == null || unthrottled) {
            return; // an unthrottled timeline never runs ahead of the wall clock
        }
        // The simulated span of a back-fill, at the slowest the shop gets (the night, with the daily curve): its events
        // by then, or its duration on the run's clock, whichever ends the run first.
        double slowest = eventsPerSecond * (config.simulation().diurnal() ? DailyCurve.SHOP.min() : 1);
        double byEvents = config.events() > 0 ? config.events() / slowest * LOOKBACK_MARGIN : Double.POSITIVE_INFINITY;
        double byDuration = config.duration().isZero() ? Double.POSITIVE_INFINITY
                : config.duration().toMillis() / 1000.0 * config.speedup();
        double spanSeconds = Math.min(byEvents, byDuration);
        long room = Duration.between(config.startTime(), LATEST_EVENT_TIME).toSeconds();
        if (Double.isFinite(spanSeconds) && spanSeconds > room) { // an unlimited run is not bounded: infinite
            boolean events = byEvents <= byDuration;
            Setting limit = events ? ProducerConfig.EVENTS : ProducerConfig.DURATION;
            reader.problem(ProducerConfig.START_TIME, reader.string(ProducerConfig.START_TIME), String.format(Locale.ROOT,
                    "with %s=%s runs up to about %,.0f simulated hours (%s), past %s, where the consumer rejects event "
                            + "times: an earlier start or a shorter run",
                    limit.env(), reader.string(limit), spanSeconds / 3600, events
                            ? String.format(Locale.ROOT, "%.2f events per simulated second at the slowest", slowest)
                            : "at PRODUCER_SPEEDUP=" + plain(config.speedup()),
                    LATEST_EVENT_TIME));
        }
    }

    /** The model for this plan. */
    public ClickstreamGenerator generator(long seed) {
        return new ClickstreamGenerator(settings, seed, start, warmUp);
    }

    /** Mean events per second of simulated time (the daily mean with the curve on). */
    public double eventsPerSecond() {
        return settings.sessionsPerSecond() * meanEventsPerSession;
    }

    /** For the log: what the shop is and where its time runs. */
    public List<String> describe() {
        return List.of(
                String.format(Locale.ROOT, "simulated shop: %s sessions per simulated second (%s), about %s events per "
                        + "simulated second, %.2f events per session, daily curve %s", plain(settings.sessionsPerSecond()),
                        sessionRateSource, plain(eventsPerSecond()), meanEventsPerSession, settings.diurnal() ? "on" : "off"),
                "simulated time starts at " + start + " (the shop opened " + human(warmUp) + " before)");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(value >= 100 ? 0 : 3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
