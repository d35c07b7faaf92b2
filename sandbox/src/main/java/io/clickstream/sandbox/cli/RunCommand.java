package io.clickstream.sandbox.cli;

import io.clickstream.sandbox.embedded.EmbeddedStack;
import io.clickstream.sandbox.lake.LakeQuery;
import io.clickstream.sandbox.lake.LakeVerifier;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.pipeline.Endpoints;
import io.clickstream.sandbox.pipeline.PipelineRun;
import io.clickstream.sandbox.pipeline.RunOptions;
import io.clickstream.sandbox.pipeline.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The whole pipeline once, in one JVM, on the embedded stack; then a summary and a query over the lake. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the embedded servers, produce N events, consume them into the lake, wait until every "
                + "record is committed, verify the lake and print a summary and a sample query.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "100000", description = "Events to produce (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--invalid-ratio", defaultValue = "0.01",
            description = "Fraction of deliberately invalid records (default: ${DEFAULT-VALUE})")
    double invalidRatio;

    @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--lake", defaultValue = "./lake",
            description = "Folder of the S3 store; the lake is <lake>/<bucket>/<prefix> (default: ${DEFAULT-VALUE})")
    Path lake;

    @Option(names = "--timeout", defaultValue = "10m", description = "Give up after this long (default: ${DEFAULT-VALUE})")
    String timeout;

    @Override
    public Integer call() {
        Duration limit = io.clickstream.common.config.Units.parseDuration(timeout).orElse(null);
        if (limit == null || events < 0 || rate < 0 || invalidRatio < 0 || invalidRatio > 1) {
            System.err.println("sandbox run: --events and --rate must be >= 0, --invalid-ratio in [0, 1], "
                    + "--timeout a duration like 10m");
            return 2;
        }
        Path lakeDir = lake.toAbsolutePath().normalize();
        Path lakeRoot = lakeDir.resolve(StackDefaults.BUCKET).resolve(StackDefaults.PREFIX);
        try {
            clearPreviousRun(lakeRoot);
        } catch (IOException e) {
            System.err.println("sandbox run: cannot clear the previous sandbox lake " + lakeRoot + ": " + e.getMessage());
            return 1;
        }
        System.out.println("starting embedded Kafka and S3 (lake folder " + lakeDir + ")...");
        try (EmbeddedStack stack = EmbeddedStack.start(0, 0, lakeDir)) {
            stack.kafka().createTopic(StackDefaults.TOPIC, StackDefaults.PARTITIONS);
            stack.kafka().createTopic(StackDefaults.DLQ_TOPIC, 1);
            stack.s3().createBucket(StackDefaults.BUCKET);
            var endpoints = new Endpoints(stack.kafka().bootstrapServers(), stack.s3().endpoint(), stack.s3().accessKey(),
                    stack.s3().secretKey(), stack.s3().region());
            var options = new RunOptions(events, rate, invalidRatio, seed, StackDefaults.TOPIC, StackDefaults.DLQ_TOPIC,
                    StackDefaults.BUCKET, StackDefaults.PREFIX, "clickstream-sandbox", Duration.ofSeconds(2), limit);
            System.out.println("producing " + events + " events" + (rate > 0 ? " at " + rate + "/s" : "")
                    + " and consuming them into s3://" + StackDefaults.BUCKET + "/" + StackDefaults.PREFIX + "/ ...");
            RunResult result = PipelineRun.run(endpoints, options);
            VerifierReport report = LakeVerifier.verifyFolder(lakeRoot, countFiles(lakeRoot),
                    new LakeVerifier.Target(endpoints.kafkaBootstrap(), StackDefaults.TOPIC, StackDefaults.DLQ_TOPIC, null,
                            StackDefaults.BUCKET, StackDefaults.PREFIX, LakeVerifier.HourSource.INGESTED_AT));
            printSummary(result, report, lakeRoot);
            if (!report.ok()) {
                System.err.println("sandbox run: the lake failed verification (see above)");
                return 1;
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("sandbox run failed: " + e.getMessage());
            return 1;
        }
    }

    private static void printSummary(RunResult result, VerifierReport report, Path lakeRoot) {
        long bytes;
        long hours;
        Map<String, Long> perType;
        try (var query = new LakeQuery(lakeRoot)) {
            perType = query.eventsPerType();
            hours = query.scalar("SELECT count(DISTINCT (year, month, day, hour)) FROM " + query.source());
        }
        try (Stream<Path> files = Files.walk(lakeRoot)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            bytes = -1;
        }
        var c = result.consumer();
        var out = System.out;
        out.println();
        out.println("== clickstream sandbox run ==");
        out.printf(Locale.ROOT, "events produced : %d (acknowledged %d, failed %d)%n", result.produced(), result.acked(),
                result.failed());
        out.printf(Locale.ROOT, "valid           : %d -> lake%n", c.valid());
        out.printf(Locale.ROOT, "invalid         : %d -> dead-letter topic %s%n", c.invalid(), StackDefaults.DLQ_TOPIC);
        out.printf(Locale.ROOT, "files           : %d Parquet files, %.2f MB, %d hour folder(s)%n", report.files(),
                bytes / 1048576.0, hours);
        out.printf(Locale.ROOT, "elapsed         : %.1f s (%.0f events/s end to end, all committed)%n",
                result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
        out.println("verification    : " + report.describe().replace("\n", "\n                  "));
        out.println("lake            : " + lakeRoot);
        out.println();
        out.println("sample query (DuckDB):");
        out.println("  SELECT event_type, count(*) AS events FROM read_parquet('" + lakeRoot
                + "/**/*.parquet', hive_partitioning = true) GROUP BY event_type ORDER BY events DESC;");
        perType.forEach((type, n) -> out.printf(Locale.ROOT, "  %-18s %10d%n", type, n));
        out.flush();
    }

    private static int countFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return (int) files.filter(p -> p.toString().endsWith(".parquet")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The sandbox's Kafka starts empty every run, so a lake left by an earlier run would not match it. */
    private static void clearPreviousRun(Path lakeRoot) throws IOException {
        if (!Files.exists(lakeRoot)) {
            return;
        }
        System.out.println("clearing the previous sandbox lake at " + lakeRoot);
        try (Stream<Path> paths = Files.walk(lakeRoot)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
