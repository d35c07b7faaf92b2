package io.clickstream.sandbox.chaos;

import io.clickstream.common.config.Units;
import io.clickstream.consumer.ConsumerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a {@link ChaosRun} needs: how long faults are injected and how often, how much traffic,
 * where the jars are and where logs and the lake go.
 *
 * @param seed drives the fault schedule ({@link ChaosPlan}) and the producer's simulation
 * @param duration how long faults are injected; the producer is sized to run about as long
 * @param consumersMax at most this many consumer processes at a time (at least one always runs)
 * @param partitions partitions of the source topic
 * @param rate events per second the producer sends
 * @param events events the producer sends in all
 * @param invalidRatio fraction of invalid records (they go to the dead-letter topic)
 * @param killInterval mean time between two consumer kills
 * @param pauseAfterUpload the upload-commit window of consumers run with {@code pause-after-upload}
 * @param drainTimeout after the faults: how long the producer may take to finish and the group to commit everything
 * @param evictAfterKill after each wave of kills, remove the group's members with the Admin API so that the dead
 *     members' partitions move at once instead of after their session timeout ({@link #consumerSessionTimeout()}):
 *     what an operator would do, and a real deployment has none, so it is off unless asked for
 * @param membership whether each consumer gets {@code KAFKA_GROUP_INSTANCE_ID} (its slot) or none
 * @param groupProtocol {@code KAFKA_GROUP_PROTOCOL} for every consumer ({@code classic} or {@code consumer}), or
 *     {@code null} to pass none and get the consumer's default
 * @param runDir folder for the processes' logs, spool folders and the run's own log
 * @param lakeDir the S3 filesystem store's folder, or {@code null} for an in-memory store
 * @param jars the producer and consumer jars, run as separate JVMs
 * @param childJvmOptions JVM options of every child process
 * @param consumerSettings consumer variables (batch limits, retries...) on top of the endpoints
 * @param inPlaceShare the share of kills whose consumer restarts in its slot, the others being replaced by a
 *        consumer in a new slot (see {@link ChaosPlan})
 */
public record ChaosOptions(long seed, Duration duration, int consumersMax, int partitions, int rate, long events,
        double invalidRatio, Duration killInterval, Duration pauseAfterUpload, Duration drainTimeout,
        boolean evictAfterKill, Membership membership, String groupProtocol, Path runDir, Path lakeDir, ChaosJars jars,
        List<String> childJvmOptions, Map<String, String> consumerSettings, double inPlaceShare) {

    /** The values of the consumer's {@code KAFKA_GROUP_PROTOCOL}. */
    public static final List<String> GROUP_PROTOCOLS = List.of("classic", "consumer");

    /**
     * The consumers' session timeout unless told otherwise: how long a killed or frozen consumer keeps its partitions.
     * Shorter than the consumer's default (45 s), as a user who wants quick failover sets it, and short enough that a
     * zombie paused past it fits a two-minute run. The broker accepts 6 s and up.
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

    /** The shortest fault phase that still fits an S3 outage, a broker restart and a few kills. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(30);

    /**
     * Small heaps, the serial collector and C1 only: a consumer JVM starts in a few seconds on a loaded
     * two-core machine, and a chaos run starts a dozen of them.
     */
    public static final List<String> DEFAULT_CHILD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    public ChaosOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(killInterval, "killInterval");
        Objects.requireNonNull(pauseAfterUpload, "pauseAfterUpload");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(jars, "jars");
        Objects.requireNonNull(membership, "membership");
        if (groupProtocol != null && !GROUP_PROTOCOLS.contains(groupProtocol)) {
            throw new IllegalArgumentException("group protocol must be one of " + GROUP_PROTOCOLS + ", got '"
                    + groupProtocol + "'");
        }
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("the chaos phase must last at least " + MIN_DURATION.toSeconds()
                    + " s, got " + duration.toMillis() / 1000.0 + " s");
        }
        if (consumersMax < 1 || consumersMax > 16) {
            throw new IllegalArgumentException("consumersMax must be 1..16, got " + consumersMax);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (rate < 1 || events < 1) {
            throw new IllegalArgumentException("rate and events must be >= 1, got " + rate + " and " + events);
        }
        if (!(invalidRatio >= 0 && invalidRatio <= 1)) {
            throw new IllegalArgumentException("invalidRatio must be in [0, 1], got " + invalidRatio);
        }
        if (killInterval.toMillis() < 1000 || pauseAfterUpload.toMillis() < 100 || drainTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("killInterval and drainTimeout must be >= 1 s, pauseAfterUpload >= 100 ms");
        }
        childJvmOptions = List.copyOf(childJvmOptions);
        consumerSettings = Map.copyOf(consumerSettings);
        if (!(inPlaceShare >= 0 && inPlaceShare <= 1)) {
            throw new IllegalArgumentException("the share of kills restarted in place must be between 0 and 1, got " + inPlaceShare);
        }
    }

    /**
     * The share of kills whose consumer restarts in its slot (a container's restart policy) rather than being
     * replaced by one in a new slot (a new pod elsewhere, a new instance id) unless told otherwise.
     */
    public static final double DEFAULT_IN_PLACE_SHARE = 0.6;

    /** {@code 1}: every killed consumer restarts in place, as under Docker Compose's restart policy. */
    public ChaosOptions withInPlaceShare(double share) {
        return with(o -> o.inPlaceShare = share);
    }

    /**
     * A run with the defaults: 6 partitions, 2000 events/s for the whole fault phase with 1 % invalid, a kill
     * every 8 s, a 2 s upload-commit window, 5 minutes to drain, static membership, no eviction, the consumer's
     * default group protocol.
     */
    public static ChaosOptions defaults(Duration duration, long seed, Path runDir, ChaosJars jars) {
        int rate = 2000;
        return new ChaosOptions(seed, duration, 3, 6, rate, eventsFor(duration, rate), 0.01, Duration.ofSeconds(8),
                Duration.ofSeconds(2), Duration.ofMinutes(5), false, Membership.STATIC, null, runDir, null, jars,
                DEFAULT_CHILD_JVM_OPTIONS, defaultConsumerSettings(), DEFAULT_IN_PLACE_SHARE);
    }

    /**
     * Events that keep the producer busy for about the fault phase at {@code rate}. A little less than the
     * whole phase: the broker restart holds the producer up for a few seconds.
     */
    public static long eventsFor(Duration duration, int rate) {
        return Math.max(1, duration.toMillis() * rate * 9 / 10 / 1000);
    }

    /**
     * Short batches, so that every few seconds there are uploads to interrupt, and quick retries, so that
     * S3 coming back is noticed within seconds.
     */
    public static Map<String, String> defaultConsumerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("BATCH_MAX_AGE", "2s");
        settings.put("BATCH_MAX_RECORDS", "2000");
        settings.put("S3_MAX_ATTEMPTS", "2");
        settings.put("UPLOAD_BACKOFF_MAX", "2s");
        settings.put("SHUTDOWN_TIMEOUT", "15s");
        // The default budget (256MB) is the whole -Xmx256m heap.
        settings.put("BUFFER_MAX_BYTES", "32MB");
        settings.put("PROGRESS_INTERVAL", "10s");
        settings.put("METRICS_PORT", "0");
        settings.put(ConsumerConfig.KAFKA_SESSION_TIMEOUT.env(), duration(DEFAULT_SESSION_TIMEOUT));
        // A run that crosses an hour boundary marks the hour before within seconds, amid the faults; the final
        // verification then checks its manifest against everything the run committed.
        settings.put("HOUR_COMPLETE_GRACE", "5s");
        settings.put("HOUR_CHECK_INTERVAL", "2s");
        return settings;
    }

    /**
     * How long a killed consumer keeps its partitions: {@code KAFKA_SESSION_TIMEOUT} from {@link #consumerSettings},
     * else the consumer's default (45 s).
     */
    public Duration consumerSessionTimeout() {
        String value = consumerSettings.getOrDefault(ConsumerConfig.KAFKA_SESSION_TIMEOUT.env(),
                ConsumerConfig.KAFKA_SESSION_TIMEOUT.defaultValue());
        return Units.parseDuration(value).orElseThrow(() -> new IllegalArgumentException(
                ConsumerConfig.KAFKA_SESSION_TIMEOUT.env() + " is not a duration: " + value));
    }

    public ChaosOptions withConsumersMax(int max) {
        return with(o -> o.consumersMax = max);
    }

    /** Sets the rate and sizes the event count to it. */
    public ChaosOptions withRate(int eventsPerSecond) {
        return with(o -> {
            o.rate = eventsPerSecond;
            o.events = eventsFor(duration, eventsPerSecond);
        });
    }

    public ChaosOptions withInvalidRatio(double ratio) {
        return with(o -> o.invalidRatio = ratio);
    }

    public ChaosOptions withKillInterval(Duration interval) {
        return with(o -> o.killInterval = interval);
    }

    public ChaosOptions withDrainTimeout(Duration timeout) {
        return with(o -> o.drainTimeout = timeout);
    }

    public ChaosOptions withEvictAfterKill(boolean evict) {
        return with(o -> o.evictAfterKill = evict);
    }

    public ChaosOptions withMembership(Membership kind) {
        return with(o -> o.membership = kind);
    }

    /** {@code classic}, {@code consumer}, or {@code null} for the consumer's default. */
    public ChaosOptions withGroupProtocol(String protocolOrNull) {
        return with(o -> o.groupProtocol = protocolOrNull);
    }

    /** The consumers' {@code KAFKA_SESSION_TIMEOUT}. */
    public ChaosOptions withSessionTimeout(Duration timeout) {
        return with(o -> {
            o.consumerSettings = new LinkedHashMap<>(consumerSettings);
            o.consumerSettings.put(ConsumerConfig.KAFKA_SESSION_TIMEOUT.env(), duration(timeout));
        });
    }

    public ChaosOptions withLakeDir(Path dirOrNull) {
        return with(o -> o.lakeDir = dirOrNull);
    }

    /** One line: how the consumers join their group, and whether anyone helps them. */
    public String describeGroup() {
        return String.format(Locale.ROOT, "%s membership%s, group protocol %s, session timeout %s, %s", membership,
                membership == Membership.STATIC ? " (KAFKA_GROUP_INSTANCE_ID = the consumer's slot, chaos-N)" : "",
                groupProtocol == null ? "(the consumer's default)" : groupProtocol,
                consumerSessionTimeout().toMillis() / 1000.0 + " s",
                evictAfterKill ? "members EVICTED after kills (Admin API)" : "no eviction");
    }

    /** A copy with {@code change} applied to its components. */
    private ChaosOptions with(Consumer<Components> change) {
        var components = new Components(this);
        change.accept(components);
        return components.options();
    }

    /** The components of a copy being made, one field each, so that a {@code with*} method changes only its own. */
    private static final class Components {
        long seed;
        Duration duration;
        int consumersMax;
        int partitions;
        int rate;
        long events;
        double invalidRatio;
        Duration killInterval;
        Duration pauseAfterUpload;
        Duration drainTimeout;
        boolean evictAfterKill;
        Membership membership;
        String groupProtocol;
        Path runDir;
        Path lakeDir;
        ChaosJars jars;
        List<String> childJvmOptions;
        Map<String, String> consumerSettings;
        double inPlaceShare;

        Components(ChaosOptions o) {
            seed = o.seed;
            duration = o.duration;
            consumersMax = o.consumersMax;
            partitions = o.partitions;
            rate = o.rate;
            events = o.events;
            invalidRatio = o.invalidRatio;
            killInterval = o.killInterval;
            pauseAfterUpload = o.pauseAfterUpload;
            drainTimeout = o.drainTimeout;
            evictAfterKill = o.evictAfterKill;
            membership = o.membership;
            groupProtocol = o.groupProtocol;
            runDir = o.runDir;
            lakeDir = o.lakeDir;
            jars = o.jars;
            childJvmOptions = o.childJvmOptions;
            consumerSettings = o.consumerSettings;
            inPlaceShare = o.inPlaceShare;
        }

        ChaosOptions options() {
            return new ChaosOptions(seed, duration, consumersMax, partitions, rate, events, invalidRatio, killInterval,
                    pauseAfterUpload, drainTimeout, evictAfterKill, membership, groupProtocol, runDir, lakeDir, jars,
                    childJvmOptions, consumerSettings, inPlaceShare);
        }
    }

    /** {@code 10s}, or {@code 1500ms} when not whole seconds: what the consumer's duration settings read. */
    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
