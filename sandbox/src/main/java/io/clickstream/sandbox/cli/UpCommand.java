package io.clickstream.sandbox.cli;

import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.sandbox.embedded.EmbeddedStack;
import io.clickstream.sandbox.embedded.SecureListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the embedded Kafka and S3 servers and keeps them up until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start an embedded Kafka broker and S3 server, create the bucket and topics, print the "
                + "environment for the producer and consumer jars, and run until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka listener port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "4566", description = "S3 endpoint port, LocalStack's (default: ${DEFAULT-VALUE})")
    int s3Port;

    @Option(names = "--lake", defaultValue = "./lake",
            description = "Folder of the S3 store: an object lands at <lake>/<bucket>/<key> (default: ${DEFAULT-VALUE})")
    Path lake;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--secure", description = "Also run a SASL_SSL listener (SCRAM-SHA-512, a CA and broker certificate "
            + "made now) and print the client settings for it")
    boolean secure;

    @Option(names = "--secure-port", defaultValue = "9093",
            description = "Port of the SASL_SSL listener with --secure (default: ${DEFAULT-VALUE})")
    int securePort;

    @Override
    public Integer call() {
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(kafkaPort, secure ? securePort : -1, s3Port, lake.toAbsolutePath(), null);
        } catch (RuntimeException e) {
            System.err.println("sandbox up: cannot start the embedded servers (ports " + kafkaPort + ", "
                    + (secure ? securePort + ", " : "") + s3Port + " free?): " + e.getMessage());
            return 1;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the sandbox...");
            stack.close();
            stopped.countDown();
        }, "sandbox-stop"));
        stack.kafka().createTopic(StackDefaults.TOPIC, partitions);
        stack.kafka().createTopic(StackDefaults.DLQ_TOPIC, 1);
        stack.s3().createBucket(StackDefaults.BUCKET);
        Map<String, String> env = new TreeMap<>(StackDefaults.appEnvironment(stack.kafka().bootstrapServers(),
                stack.s3().endpoint().toString(), stack.s3().accessKey(), stack.s3().secretKey(), stack.s3().region()));
        var secured = stack.kafka().secureListener();
        Path clientConfig = null;
        if (secured.isPresent()) {
            env.put("KAFKA_BROKER", secured.get().bootstrapServers());
            secured.get().clientProperties().forEach((property, value) ->
                    env.put(KafkaClientProperties.variableName(property), value));
            clientConfig = writeClientConfig(stack.kafka().dataDir(), secured.get());
        }
        System.out.println("sandbox up: Kafka at " + stack.kafka().bootstrapServers()
                + secured.map(l -> " (SASL_SSL at " + l.bootstrapServers() + ")").orElse("")
                + ", S3 at " + stack.s3().endpoint() + ", lake in " + lake.toAbsolutePath().normalize().resolve(StackDefaults.BUCKET));
        System.out.println("topic '" + StackDefaults.TOPIC + "' (" + partitions + " partitions), dead-letter topic '"
                + StackDefaults.DLQ_TOPIC + "', bucket '" + StackDefaults.BUCKET + "'");
        System.out.println();
        System.out.println("# point the apps at it (paste into another shell):");
        for (var e : env.entrySet()) {
            System.out.println("export " + e.getKey() + "=" + shellQuoted(e.getValue()));
        }
        if (clientConfig != null) {
            System.out.println("# the KAFKA_CLIENT_* lines as a properties file, for the apps (KAFKA_CLIENT_CONFIG) and for");
            System.out.println("# Kafka's own tools (--command-config): " + clientConfig);
        }
        System.out.println();
        for (String line : List.of(
                "# then, for example:",
                "java -jar producer/target/clickstream-producer.jar --events 100000 --rate 5000",
                "java -jar consumer/target/clickstream-consumer.jar",
                "# Ctrl-C here stops the servers (the lake folder stays)")) {
            System.out.println(line);
        }
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code client.properties} next to the broker's data: the SASL_SSL client settings, password included. */
    private static Path writeClientConfig(Path dir, SecureListener listener) {
        var text = new StringBuilder("# SASL_SSL client settings of the sandbox broker at ").append(listener.bootstrapServers())
                .append('\n');
        listener.clientProperties().forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve("client.properties");
        try {
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A value a POSIX shell reads back as it is: single-quoted when it holds anything but plain characters. */
    static String shellQuoted(String value) {
        return value.matches("[A-Za-z0-9_./:@,+=%-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
