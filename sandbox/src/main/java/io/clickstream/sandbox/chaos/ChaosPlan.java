package io.clickstream.sandbox.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fault schedule of a chaos run, drawn in advance from the seed alone: the same seed gives the same
 * steps at the same times. What a step hits is decided when it runs (which consumers are alive then
 * depends on timing), but through numbers drawn here, so a rerun aims the same way.
 *
 * <p>The schedule: consumer kills, one per {@code killInterval} on average, in waves of two or three from
 * about 15 s in to shortly before the end; the first kill of most waves aimed at the upload-commit window; most
 * killed consumers restarted in their slot a moment after the kill (a container restarted in place by its restart
 * policy, with its instance id); after each wave an eviction of the group's members (only if enabled: a real
 * deployment has no one to do it) and, for each kill not restarted in place, a consumer in a new slot; one S3
 * outage (503 for a while, then the server
 * stopped for a while, then back) and one broker restart (stop, a few seconds down, start), one in each half of
 * the phase, in an order the seed picks; and a zombie (a consumer paused past its session timeout, then resumed)
 * about once a minute.
 */
public record ChaosPlan(long seed, Duration duration, List<ConsumerMode> initialConsumers, List<Step> steps) {

    /** A step and when it runs, counted from the start of the fault phase. */
    public record Step(Duration at, Action action) {
    }

    /** What a step does. */
    public sealed interface Action {
    }

    /**
     * Kill -9 a consumer that holds partitions. {@code pick} in [0, 1) chooses the victim among the candidates alive
     * then. {@code afterUpload}: wait (briefly) for a consumer with a pause between upload and commit to log an
     * upload, and kill it inside that pause. With {@code restartAfter} the victim's container restarts in place that
     * long after the kill (a restart policy: same slot, same instance id) as {@code replacement}; without it
     * (null) a consumer in a new slot follows after the wave, and {@code replacement} is started first if the victim
     * is the last consumer alive, so that one always runs.
     */
    public record KillConsumer(boolean afterUpload, double pick, ConsumerMode replacement, Duration restartAfter)
            implements Action {
        /** The victim is restarted in place rather than replaced by a consumer in a new slot. */
        public boolean restartsInPlace() {
            return restartAfter != null;
        }
    }

    /**
     * Remove the group's members (Admin API), so that the partitions of the consumers just killed move now rather
     * than after their session timeout ({@link ChaosOptions#consumerSessionTimeout()}); the live members lose their
     * uncommitted work and join again.
     */
    public record EvictGroup() implements Action {
    }

    /**
     * Start a consumer, unless {@code consumersMax} are running already: with {@code inPlace} in the slot of a consumer
     * that died (a container restart: with static membership the same instance id), else in a new slot. The kill
     * waves start only new ones this way (their restarts in place follow each kill, see {@link KillConsumer}).
     */
    public record StartConsumer(ConsumerMode mode, boolean inPlace) implements Action {
    }

    /**
     * Freeze a consumer with SIGSTOP (one that has just logged an upload, if one does soon: its next uploads are
     * then in flight) for longer than its session timeout, until the others have committed its partitions, then
     * SIGCONT it: a zombie that wakes up believing it still owns them. {@code pick} in [0, 1) chooses the victim
     * among the candidates when none has just uploaded.
     */
    public record PauseConsumer(double pick) implements Action {
    }

    /** From now on S3 answers every request with 503 SlowDown. */
    public record FailS3() implements Action {
    }

    /** S3 stops answering at all (connections refused); the 503s end. */
    public record StopS3() implements Action {
    }

    /** S3 is back. */
    public record StartS3() implements Action {
    }

    /** The broker shuts down; its data stays. */
    public record StopBroker() implements Action {
    }

    /** The broker starts again on the same port with the same data. */
    public record StartBroker() implements Action {
    }

    public ChaosPlan {
        initialConsumers = List.copyOf(initialConsumers);
        steps = List.copyOf(steps);
    }

    /**
     * How long after a kill its container restarts in place, at least and at most: Docker's restart policy starts
     * a dead container again after 100 ms (doubling on each restart of a crash loop), and a pod's container
     * restarts as soon as the kubelet sees it die.
     */
    static final Duration RESTART_DELAY_MIN = Duration.ofMillis(200);
    static final Duration RESTART_DELAY_MAX = Duration.ofMillis(800);
    /** About one zombie pause per this much of the phase, at least one. */
    static final Duration ZOMBIE_EVERY = Duration.ofMinutes(1);

    /**
     * Draws the schedule for {@code options} from {@code options.seed()}: the first consumers, the kill waves
     * (each followed by an eviction if enabled, and restarts or new consumers), the S3 outage and the broker
     * restart, then the zombie pauses. The parts draw from one random sequence in this order, so a seed keeps
     * its schedule as long as the order stays.
     */
    public static ChaosPlan generate(ChaosOptions options) {
        var random = new SplittableRandom(options.seed());
        List<ConsumerMode> initial = initialConsumers(random, options);
        List<Step> steps = new ArrayList<>(killWaves(random, options));
        steps.addAll(outages(random, options.duration().toMillis()));
        steps.addAll(zombiePauses(random, options));
        // Stable: a kill and a start drawn for the same millisecond keep their drawing order.
        steps.sort(Comparator.comparing(Step::at));
        return new ChaosPlan(options.seed(), options.duration(), initial, steps);
    }

    /** The first consumer has the upload-commit pause: aimed kills have a target from the start. */
    private static List<ConsumerMode> initialConsumers(SplittableRandom random, ChaosOptions options) {
        List<ConsumerMode> initial = new ArrayList<>();
        initial.add(new ConsumerMode.PauseAfterUpload(options.pauseAfterUpload()));
        int more = random.nextInt(options.consumersMax());
        for (int i = 0; i < more; i++) {
            initial.add(mode(random, options));
        }
        return initial;
    }

    /**
     * Kills in waves of two or three, from when the first consumers have had time to join until shortly before
     * the end, each wave followed by an eviction (if enabled) and a consumer start per kill. Waves rather than a
     * steady drip: between two waves the group settles and the consumers get work done (uploads, commits) that
     * the next wave can interrupt.
     */
    private static List<Step> killWaves(SplittableRandom random, ChaosOptions options) {
        long d = options.duration().toMillis();
        long interval = options.killInterval().toMillis();
        long first = Math.min(15_000, d / 5);
        long last = d - Math.max(5_000, d / 10);
        int kills = (int) Math.max(1, (last - first) / interval + 1);
        List<Integer> waves = new ArrayList<>();
        int widest = Math.min(3, options.consumersMax());
        for (int left = kills; left > 0; ) {
            // Two or three kills a wave (fewer waves, longer calm between them), never more than can be alive.
            int size = Math.min(left, Math.min(widest, 2 + random.nextInt(2)));
            waves.add(size);
            left -= size;
        }
        List<Step> steps = new ArrayList<>();
        long spacing = waves.size() > 1 ? (last - first) / (waves.size() - 1) : 0;
        for (int w = 0; w < waves.size(); w++) {
            long jitter = (long) ((random.nextDouble() - 0.5) * 0.4 * spacing);
            long at = clamp(first + w * spacing + jitter, first, last);
            int replaced = 0;
            for (int k = 0; k < waves.get(w); k++) {
                // The first kill of a wave may wait for an upload to aim at; the others follow it closely.
                boolean afterUpload = k == 0 && random.nextDouble() < 0.8;
                double pick = random.nextDouble();
                ConsumerMode mode = mode(random, options);
                Duration restartAfter = random.nextDouble() < options.inPlaceShare() ? Duration.ofMillis(RESTART_DELAY_MIN.toMillis()
                        + random.nextLong(RESTART_DELAY_MAX.toMillis() - RESTART_DELAY_MIN.toMillis() + 1)) : null;
                replaced += restartAfter == null ? 1 : 0;
                steps.add(new Step(Duration.ofMillis(at), new KillConsumer(afterUpload, pick, mode, restartAfter)));
                at += 300 + random.nextLong(700);
            }
            if (options.evictAfterKill()) {
                steps.add(new Step(Duration.ofMillis(at), new EvictGroup()));
            }
            for (int k = 0; k < replaced; k++) {
                // A second or two after the kills: a replacement scheduled elsewhere (a new pod, a new instance id).
                long startAt = Math.min(d - 1, at + 1_000 + random.nextLong(1_500) + k * 500L);
                steps.add(new Step(Duration.ofMillis(startAt), new StartConsumer(mode(random, options), false)));
            }
        }
        return steps;
    }

    /** One S3 outage and one broker restart, each in its own part of the phase so their effects can be told apart. */
    private static List<Step> outages(SplittableRandom random, long d) {
        boolean s3First = random.nextBoolean();
        long[] early = {d * 15 / 100, d * 45 / 100};
        long[] late = {d * 50 / 100, d * 80 / 100};
        long[] s3Window = s3First ? early : late;
        long[] brokerWindow = s3First ? late : early;
        List<Step> steps = new ArrayList<>();

        long window = s3Window[1] - s3Window[0];
        long errors = Math.min(5_000 + random.nextLong(4_000), window * 2 / 5);
        long stopped = Math.min(5_000 + random.nextLong(4_000), window * 2 / 5);
        long s3At = s3Window[0] + random.nextLong(Math.max(1, window - errors - stopped));
        steps.add(new Step(Duration.ofMillis(s3At), new FailS3()));
        steps.add(new Step(Duration.ofMillis(s3At + errors), new StopS3()));
        steps.add(new Step(Duration.ofMillis(s3At + errors + stopped), new StartS3()));

        long brokerSpan = brokerWindow[1] - brokerWindow[0];
        long down = Math.min(3_000 + random.nextLong(3_000), brokerSpan / 2);
        long brokerAt = brokerWindow[0] + random.nextLong(Math.max(1, brokerSpan - down));
        steps.add(new Step(Duration.ofMillis(brokerAt), new StopBroker()));
        steps.add(new Step(Duration.ofMillis(brokerAt + down), new StartBroker()));
        return steps;
    }

    /**
     * About one zombie pause a minute, spread over the part of the phase where a pause (the session timeout, then
     * the others' takeover) still ends before the phase does: from a few seconds after the first kills can come,
     * until two session timeouts and a few seconds before the end.
     */
    private static List<Step> zombiePauses(SplittableRandom random, ChaosOptions options) {
        long d = options.duration().toMillis();
        long session = options.consumerSessionTimeout().toMillis();
        int count = (int) Math.max(1, Math.round((double) d / ZOMBIE_EVERY.toMillis()));
        long from = Math.min(Math.min(15_000, d / 5) + 5_000, d / 3);
        long to = Math.max(from, d - 2 * session - 5_000);
        long slice = (to - from) / count;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = from + i * slice + (slice > 0 ? random.nextLong(slice) : 0);
            steps.add(new Step(Duration.ofMillis(at), new PauseConsumer(random.nextDouble())));
        }
        return steps;
    }

    /**
     * An upload-commit pause most of the time (aimed kills need one), now and then a consumer that halts itself
     * after or during its n-th upload (a few generations in, so that it has done some work first), else plain.
     */
    private static ConsumerMode mode(SplittableRandom random, ChaosOptions options) {
        double u = random.nextDouble();
        if (u < 0.55) {
            return new ConsumerMode.PauseAfterUpload(options.pauseAfterUpload());
        }
        if (u < 0.65) {
            return new ConsumerMode.HaltAfterUpload(2 + random.nextInt(5));
        }
        if (u < 0.75) {
            return new ConsumerMode.HaltDuringUpload(2 + random.nextInt(5));
        }
        return new ConsumerMode.Clean();
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    public long count(Class<? extends Action> kind) {
        return steps.stream().filter(s -> kind.isInstance(s.action())).count();
    }

    public Duration firstAt(Class<? extends Action> kind) {
        return steps.stream().filter(s -> kind.isInstance(s.action())).map(Step::at).findFirst().orElse(null);
    }

    /** Kill waves: runs of kills with no other consumer step between them (a zombie pause may fall into a wave). */
    public int waves() {
        int waves = 0;
        boolean inWave = false;
        for (Step step : steps) {
            if (step.action() instanceof PauseConsumer) {
                continue;
            }
            boolean kill = step.action() instanceof KillConsumer;
            if (kill && !inWave) {
                waves++;
            }
            inWave = kill;
        }
        return waves;
    }

    /** One line: what the schedule holds and when the big faults come. */
    public String describe() {
        long aimed = steps.stream().filter(s -> s.action() instanceof KillConsumer k && k.afterUpload()).count();
        Duration fail = firstAt(FailS3.class);
        Duration stop = firstAt(StopS3.class);
        Duration back = firstAt(StartS3.class);
        Duration brokerDown = firstAt(StopBroker.class);
        Duration brokerUp = firstAt(StartBroker.class);
        long inPlace = steps.stream().filter(s -> s.action() instanceof KillConsumer k && k.restartsInPlace()).count();
        return String.format(Locale.ROOT, "plan (seed %d): %d consumer kills in %d waves (%d aimed between upload and commit), "
                + "%d restarted in place (after %d-%d ms) and %d replaced by new consumers, %d zombie pause(s), "
                + "S3 503 from %s for %.1f s then stopped for %.1f s, broker down from %s for %.1f s, "
                + "%d consumer(s) at the start", seed, count(KillConsumer.class), waves(), aimed, inPlace,
                RESTART_DELAY_MIN.toMillis(), RESTART_DELAY_MAX.toMillis(), count(StartConsumer.class),
                count(PauseConsumer.class), FaultLog.clock(fail.toMillis()),
                (stop.toMillis() - fail.toMillis()) / 1000.0, (back.toMillis() - stop.toMillis()) / 1000.0,
                FaultLog.clock(brokerDown.toMillis()), (brokerUp.toMillis() - brokerDown.toMillis()) / 1000.0,
                initialConsumers.size());
    }
}
