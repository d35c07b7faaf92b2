package io.clickstream.consumer;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.consumer.kafka.PollBytes;
import io.clickstream.consumer.parquet.EventFileWriter;
import io.clickstream.consumer.parquet.ParquetSettings;
import io.clickstream.consumer.route.RecordRouter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A training run for an application class-data-sharing archive, which makes the consumer start in about half the
 * time: it goes through what a start and the first records load (settings, logging, the S3 and Kafka checks and
 * clients, JSON decoding on both paths, Parquet and zstd), with no broker and no S3 to talk to, then takes the
 * per-record path many times over ({@link #warmUp}: method profiles for Java 25's AOT cache), and exits.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=consumer.jsa -cp clickstream-consumer.jar io.clickstream.consumer.ClassDataTraining
 * java -XX:SharedArchiveFile=consumer.jsa -jar clickstream-consumer.jar
 * </pre>
 *
 * <p>The archive belongs to the JVM build and the jar it was made with; a JVM that cannot use it says so in one
 * warning and starts without it. The Docker image makes one this way, in the runtime stage itself.
 */
public final class ClassDataTraining {
    /** Where nothing listens (the discard port): every connection is refused at once. */
    private static final String NOWHERE = "127.0.0.1:9";
    private static final List<String> RECORDS = List.of(
            "{\"event_id\":\"5f1c0b1e-2a4b-4c6e-9d7a-3b2c1d0e9f8a\",\"user_id\":\"u-1\",\"session_id\":\"s-1\","
                    + "\"event_type\":\"add_to_cart\",\"timestamp\":\"2026-01-19T10:00:00.123Z\","
                    + "\"page_url\":\"https://Shop.example.com/p/1?ref=home\",\"product_id\":12345,"
                    + "\"ip_address\":\"203.0.113.42\",\"referrer\":\"https://www.google.com/\","
                    + "\"user_agent\":\"Mozilla/5.0\",\"device\":\"mobile\"}",
            "{\"user_id\":\"u-\\u00e9\",\"session_id\":\"s-2\",\"event_type\":\"page_view\",\"timestamp\":1768816800000,"
                    + "\"page_url\":\"http://[2001:db8::1]:8080/a\",\"ip_address\":\"2001:db8::2\",\"extra\":[1]}",
            "{\"user_id\":\"\",\"event_type\":\"teleport\",\"timestamp\":\"yesterday\"}",
            "not json");

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        // Its own folder for everything it writes, removed at the end: an image must not keep a root-owned
        // default spool folder that the consumer's user then cannot write to.
        Path scratch = Files.createTempDirectory("class-data-training-");
        boolean trained;
        try {
            trained = train(scratch);
        } finally {
            deleteTree(scratch);
        }
        if (!trained) {
            System.err.println("class-data training: stopped, because the consumer refused its settings;"
                    + " give the training's JVM what the lines above ask for");
            System.exit(2);
        }
        System.out.println("class-data training: done");
        System.exit(0);
    }

    /** False when the consumer refused the training's settings (exit code 2): nothing else would work then. */
    private static boolean train(Path scratch) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put(ConsumerConfig.SPOOL_DIR.env(), scratch.resolve("spool").toString());
        env.put(ConsumerConfig.KAFKA_BROKER.env(), NOWHERE);
        env.put(ConsumerConfig.S3_BUCKET.env(), "class-data-training");
        env.put(ConsumerConfig.AWS_ENDPOINT_URL.env(), "http://" + NOWHERE);
        env.put(ConsumerConfig.AWS_DEFAULT_REGION.env(), "us-east-1");
        env.put(ConsumerConfig.AWS_ACCESS_KEY_ID.env(), "training");
        env.put(ConsumerConfig.AWS_SECRET_ACCESS_KEY.env(), "training");
        env.put(ConsumerConfig.S3_MAX_ATTEMPTS.env(), "1");
        env.put(ConsumerConfig.STARTUP_TIMEOUT.env(), "1s");
        env.put(ConsumerConfig.METRICS_PORT.env(), "0");
        // The start as it is: settings, logging, the S3 and Kafka checks, which give up after STARTUP_TIMEOUT.
        int code = ConsumerMain.run(new String[0], env);
        if (code == 2) {
            return false;
        }
        System.out.println("class-data training: the start-up against nothing ended with code " + code + ", as expected");

        ConsumerConfig config = ConsumerConfig.fromEnvironment(env);
        try (var consumer = KafkaClients.consumer(config, new PollBytes(1 << 20));
                var producer = KafkaClients.deadLetterProducer(config)) {
            consumer.subscribe(List.of(config.topic()));
            consumer.poll(Duration.ofMillis(200));
        }
        try (var writer = new EventFileWriter(scratch.resolve("training.parquet"),
                new ParquetSettings("zstd", 1 << 20, 64 * 1024))) {
            EventDecoder decoder = new EventDecoder(1 << 20);
            long offset = 0;
            for (String record : RECORDS) {
                if (decoder.decode(record.getBytes(StandardCharsets.UTF_8)) instanceof DecodeResult.Valid valid) {
                    writer.write(valid.event(), valid.source(), Instant.now(), 0, offset++);
                }
            }
            writer.finish();
        }
        warmUp(config, scratch.resolve("warm-up.parquet"), WARM_UP_RECORDS);
        return true;
    }

    /** Records of {@link #warmUp}: a fifth of a second of the bench's rate, a few seconds of training. */
    static final int WARM_UP_RECORDS = 200_000;
    private static final String[] TYPES = {"page_view", "page_view", "search", "view_product", "click", "add_to_cart"};
    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};

    /**
     * The per-record path many times over, as a topic's records take it (routing: decoding, validation, the hour;
     * then the Parquet file with the consumer's settings), so that a JVM that keeps the training's method profiles
     * with its classes (Java 25's AOT cache, JEP 515) starts with profiles of that path: its JIT compilers then
     * compile it from the first records on. Sessions of five events, users of two sessions, a hundred pages, as the
     * simulated shop has them.
     */
    static long warmUp(ConsumerConfig config, Path file, int records) {
        var router = new RecordRouter(config.routing());
        ParquetSettings settings = config.parquet();
        long now = System.currentTimeMillis();
        long rows = 0;
        try (var writer = new EventFileWriter(file, settings)) {
            for (int i = 0; i < records; i++) {
                byte[] json = record(i, now - records + i);
                if (router.route(ByteBuffer.wrap(json), json.length, now) instanceof RecordRouter.Route.Row row) {
                    writer.write(row.event(), row.source(), row.ingestedAt(), 0, i);
                    rows++;
                }
            }
            writer.finish();
        }
        return rows;
    }

    /** The {@code i}th record of {@link #warmUp}, in the producer's layout. */
    static byte[] record(int i, long millis) {
        int session = i / 5;
        String json = "{\"event_id\":\"" + new UUID(0x5f1c0b1e2a4b4c6eL ^ i * 0x9E3779B97F4A7C15L, i).toString()
                + "\",\"user_id\":\"user-" + (session / 2) + "\",\"session_id\":\"" + new UUID(session, 0x4242L)
                + "\",\"event_type\":\"" + TYPES[i % TYPES.length] + "\",\"timestamp\":\"" + Instant.ofEpochMilli(millis)
                + "\",\"page_url\":\"https://shop.example.com/p/" + (i % 100) + "\""
                + (i % 3 == 0 ? ",\"product_id\":" + (i % 1000) : "")
                + ",\"ip_address\":\"203.0." + (session % 250) + "." + (session / 250 % 250)
                + "\",\"referrer\":\"https://www.google.com/\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) training/"
                + (session % 20) + "\",\"device\":\"" + DEVICES[session % DEVICES.length] + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
