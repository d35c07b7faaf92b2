package io.clickstream.sandbox.chaos;

import io.clickstream.common.config.Units;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox chaos}: the pipeline under a seeded storm of kills and outages, then a verified lake. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Start the embedded Kafka and S3, run the producer and 1..N consumers as separate processes, "
                + "and for the given minutes kill -9 consumers (some between an upload and its commit), restart them "
                + "in place (same instance id) or start new ones, pause one past its session timeout and resume it "
                + "(a zombie), make S3 fail (503s, then stopped) and restart the broker, on a schedule drawn from the "
                + "seed. Nobody helps the group: no member is evicted unless --evict-after-kill. Then stop the faults, "
                + "let the producer finish and the consumers commit everything, stop them with SIGTERM and verify the "
                + "lake: every record exactly once in the lake or in the dead-letter topic. The summary gives, per "
                + "kill, the time until the partitions it held were committed again, and the drain after the last "
                + "fault. Exit 0 only when the verification passes and no process failed.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "2", description = "How long faults are injected (default: ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault schedule and the traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--consumers-max", defaultValue = "3", description = "At most this many consumers at a time (default: ${DEFAULT-VALUE})")
    int consumersMax;

    @Option(names = "--lake", description = "Folder of the S3 store (the lake is <lake>/" + ChaosRun.BUCKET + "/"
            + ChaosRun.PREFIX + ", cleared first); default: S3 in memory")
    Path lake;

    @Option(names = "--rate", defaultValue = "2000", description = "Events per second; the event count is sized to the minutes (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--invalid-ratio", defaultValue = "0.01", description = "Fraction of invalid records (default: ${DEFAULT-VALUE})")
    double invalidRatio;

    @Option(names = "--kill-interval", defaultValue = "8s", description = "Mean time between consumer kills (default: ${DEFAULT-VALUE})")
    String killInterval;

    @Option(names = "--drain-timeout", defaultValue = "5m",
            description = "After the faults: how long the producer may take to finish and the group to commit everything (default: ${DEFAULT-VALUE})")
    String drainTimeout;

    @Option(names = "--evict-after-kill", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "After each wave of kills remove the group's members (Admin API), so the dead members' "
                    + "partitions move at once rather than after their session timeout: an operator's help that a real "
                    + "deployment does not get. --no-evict-after-kill (the default) is accepted as before "
                    + "(default: ${DEFAULT-VALUE})")
    boolean evictAfterKill;

    @Option(names = "--membership", defaultValue = "static", paramLabel = "static|dynamic",
            description = "static: every consumer gets KAFKA_GROUP_INSTANCE_ID=<its slot> (chaos-N), so a consumer "
                    + "restarted in place is the same member; dynamic: no instance id, as before issue 13 "
                    + "(default: ${DEFAULT-VALUE})")
    String membership;

    @Option(names = "--group-protocol", paramLabel = "classic|consumer",
            description = "KAFKA_GROUP_PROTOCOL for every consumer: classic, or consumer (KIP-848); default: pass "
                    + "none, so the consumer's own default is measured")
    String groupProtocol;

    @Option(names = "--session-timeout", defaultValue = "10s",
            description = "The consumers' KAFKA_SESSION_TIMEOUT: how long a killed or frozen consumer keeps its "
                    + "partitions; a zombie is paused longer than this (default: ${DEFAULT-VALUE}; the consumer's own "
                    + "default is 45s)")
    String sessionTimeout;

    @Option(names = "--in-place-share", defaultValue = "0.6",
            description = "The share of killed consumers restarted in their slot (same instance id) a moment after the "
                    + "kill, as a container's restart policy does; the others are replaced by a consumer in a new slot "
                    + "after the wave (default: ${DEFAULT-VALUE}; 1 = every one, as under Docker Compose)")
    double inPlaceShare;

    @Option(names = "--run-dir", defaultValue = "target/chaos-runs",
            description = "A folder for this run's logs is made in here (default: ${DEFAULT-VALUE}, which git ignores)")
    Path runDirs;

    @Option(names = "--jars", description = "Repository root holding producer/target/clickstream-producer.jar and "
            + "consumer/target/clickstream-consumer.jar (default: the working directory, its parent, or the checkout of this jar)")
    Path jarsRoot;

    @Override
    public Integer call() {
        Duration kill = Units.parseDuration(killInterval).orElse(null);
        Duration drain = Units.parseDuration(drainTimeout).orElse(null);
        Duration session = Units.parseDuration(sessionTimeout).orElse(null);
        if (kill == null || drain == null || session == null || session.toMillis() < 6000 || !(minutes > 0)
                || rate < 1 || consumersMax < 1 || consumersMax > 16 || !(invalidRatio >= 0 && invalidRatio <= 1)
                || !(inPlaceShare >= 0 && inPlaceShare <= 1)) {
            System.err.println("sandbox chaos: --minutes must be > 0, --rate >= 1, --consumers-max 1..16, "
                    + "--invalid-ratio and --in-place-share in [0, 1], --kill-interval and --drain-timeout durations like 8s or 5m, "
                    + "--session-timeout a duration of at least 6s");
            return 2;
        }
        ChaosOptions options;
        try {
            ChaosJars jars = ChaosJars.locate(jarsRoot);
            String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                    + "-seed-" + seed;
            Duration duration = Duration.ofMillis(Math.round(minutes * 60_000));
            options = ChaosOptions.defaults(duration, seed, runDirs.resolve(name), jars)
                    .withConsumersMax(consumersMax)
                    .withRate(rate)
                    .withInvalidRatio(invalidRatio)
                    .withKillInterval(kill)
                    .withDrainTimeout(drain)
                    .withEvictAfterKill(evictAfterKill)
                    .withMembership(Membership.parse(membership))
                    .withGroupProtocol(groupProtocol)
                    .withSessionTimeout(session)
                    .withInPlaceShare(inPlaceShare)
                    .withLakeDir(lake);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("sandbox chaos: " + e.getMessage());
            return 2;
        }
        try {
            ChaosResult result = ChaosRun.run(options, System.out);
            System.out.println();
            System.out.println(result.describe());
            return result.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("sandbox chaos failed: " + e);
            return 1;
        }
    }
}
