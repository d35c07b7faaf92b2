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
                + "and for the given minutes kill -9 consumers (some between an upload and its commit), start new "
                + "ones, make S3 fail (503s, then stopped) and restart the broker, on a schedule drawn from the seed. "
                + "Then stop the faults, let the producer finish and the consumers commit everything, stop them with "
                + "SIGTERM and verify the lake: every record exactly once in the lake or in the dead-letter topic. "
                + "Exit 0 only when the verification passes and no process failed.")
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

    @Option(names = "--evict-after-kill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After each wave of kills remove the group's members (Admin API), so the dead members' "
                    + "partitions move at once rather than after their 45 s session timeout (default: ${DEFAULT-VALUE})")
    boolean evictAfterKill;

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
        if (kill == null || drain == null || !(minutes > 0) || rate < 1 || consumersMax < 1 || consumersMax > 16
                || !(invalidRatio >= 0 && invalidRatio <= 1)) {
            System.err.println("sandbox chaos: --minutes must be > 0, --rate >= 1, --consumers-max 1..16, "
                    + "--invalid-ratio in [0, 1], --kill-interval and --drain-timeout durations like 8s or 5m");
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
