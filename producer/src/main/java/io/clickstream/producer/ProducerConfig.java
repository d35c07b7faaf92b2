package io.clickstream.producer;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.Setting;
import io.clickstream.common.kafka.KafkaClientProperties;
import io.clickstream.producer.sim.FunnelSettings;
import io.clickstream.producer.sim.SimulationSettings;
import io.clickstream.producer.sim.VisitSettings;
import io.clickstream.producer.traffic.Imperfections;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The producer's whole configuration, read once at start-up from environment variables with CLI flag
 * values put over them (see {@link #from}). Every key is a {@link Setting} in {@link #SETTINGS}.
 *
 * @param events records to send; 0 = no limit
 * @param duration how long to run; {@link Duration#ZERO} = no limit
 * @param rate mean events per second the simulated shop is sized for; 0 = as fast as possible
 * @param seed the seed of the simulation (random when not configured; logged, so a run can be repeated)
 * @param simulation the model's settings; its {@code sessionsPerSecond} is the nominal one when
 *     {@code sessionRateDerived} ({@link SimulationPlan} derives the real one), and {@code diurnal} is resolved
 * @param sessionRateDerived sessions per second follow from the rate (no {@code --session-rate} given)
 * @param startTime simulated time the run starts at; {@code null} = event times follow the wall clock
 * @param speedup simulated seconds per real second
 * @param report events to simulate for {@code --report} (no Kafka); 0 = publish as usual
 */
public record ProducerConfig(
        String brokers,
        String topic,
        long events,
        Duration duration,
        double rate,
        long seed,
        SimulationSettings simulation,
        boolean sessionRateDerived,
        Imperfections imperfections,
        Compression compression,
        int lingerMs,
        int batchSize,
        Duration deliveryTimeout,
        Duration startupTimeout,
        Instant startTime,
        double speedup,
        Duration progressInterval,
        boolean createTopic,
        int partitions,
        short replicationFactor,
        KafkaClientProperties kafkaClient,
        long report) {

    /** Kafka's {@code compression.type} values; the first is the default. */
    public enum Compression {
        ZSTD, NONE, GZIP, SNAPPY, LZ4;

        public String kafkaName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Setting BROKER = new Setting("KAFKA_BROKER", "--broker", "localhost:9092",
            "Kafka bootstrap servers, host:port[,host:port...]");
    public static final Setting TOPIC = new Setting("KAFKA_TOPIC", "--topic", "clickstream",
            "topic the events are written to (key = session_id)");
    public static final Setting EVENTS = new Setting("PRODUCER_EVENTS", "--events", "0",
            "number of records to send, then stop; 0 = no limit; with --rate 0 and no --start-time, at most what the "
                    + "simulated shop makes in 10 years (its timeline starts that far back at most)");
    public static final Setting DURATION = new Setting("PRODUCER_DURATION", "--duration", null,
            "how long to run, e.g. 10m or 1h; unset or 0 = no limit (stops at whichever of --events/--duration comes first)");
    public static final Setting RATE = new Setting("PRODUCER_RATE", "--rate", "0",
            "mean events per second to send: sessions arrive at rate / (speedup x mean events per session), each event "
                    + "goes when its time comes; 0 = as fast as possible, never ahead of the wall clock; a rate that gives fewer "
                    + "than 0.001 sessions per simulated second is refused");
    public static final Setting SEED = new Setting("PRODUCER_SEED", "--seed", null,
            "seed of the simulation: the same seed gives the same users, sessions and event ids; unset = random (logged)");
    public static final Setting USERS = new Setting("PRODUCER_USERS", "--users", "10000000",
            "number of simulated users (each with a stable device, user agent and IP); once all have visited, every session is a returning one");
    public static final Setting PRODUCTS = new Setting("PRODUCER_PRODUCTS", "--products", "1000",
            "number of products in the catalog (ids 101 and up, 101 the most popular)");
    public static final Setting ZIPF_EXPONENT = new Setting("PRODUCER_ZIPF_EXPONENT", "--zipf-exponent", "1.1",
            "skew of product popularity (Zipf exponent; 0 = uniform)");
    public static final Setting SESSION_RATE = new Setting("PRODUCER_SESSION_RATE", "--session-rate", "derived",
            "new sessions per second of simulated time (the daily mean with --diurnal); derived = from --rate, or 10 with --rate 0");
    public static final Setting SESSION_TIMEOUT = new Setting("PRODUCER_SESSION_TIMEOUT", "--session-timeout", "30m",
            "a session ends when its visitor would be away longer than this (simulated time)");
    public static final Setting THINK_TIME = new Setting("PRODUCER_THINK_TIME", "--think-time", "15s",
            "median time between two events of a visitor (log-normal: most gaps shorter, a few much longer; mean 1.65x)");
    public static final Setting BOUNCE_PROBABILITY = new Setting("PRODUCER_BOUNCE_PROBABILITY", "--bounce-probability",
            "0.45", "chance that a visitor leaves right after the landing page");
    public static final Setting EXIT_PROBABILITY = new Setting("PRODUCER_EXIT_PROBABILITY", "--exit-probability", "0.13",
            "chance that a visitor leaves after any later page of their own choosing (checkout and purchase have their own)");
    public static final Setting RETURNING_SHARE = new Setting("PRODUCER_RETURNING_SHARE", "--returning-share", "0.30",
            "share of sessions by a visitor who was here before (at least a session timeout ago)");
    public static final Setting DIURNAL = new Setting("PRODUCER_DIURNAL", "--diurnal", "auto",
            "sessions follow a shop's daily curve (quiet at night, peak in the evening, UTC); auto = on with --start-time");
    public static final Setting VIEW_TO_CART = new Setting("PRODUCER_VIEW_TO_CART", "--view-to-cart", "0.10",
            "add_to_cart events per view_product event");
    public static final Setting CART_TO_PURCHASE = new Setting("PRODUCER_CART_TO_PURCHASE", "--cart-to-purchase", "0.30",
            "purchase events per add_to_cart event");
    public static final Setting CHECKOUT_TO_PURCHASE = new Setting("PRODUCER_CHECKOUT_TO_PURCHASE",
            "--checkout-to-purchase", "0.70",
            "purchase events per begin_checkout event (at least the cart-to-purchase ratio)");
    public static final Setting INVALID_RATIO = new Setting("PRODUCER_INVALID_RATIO", "--invalid-ratio", "0",
            "fraction of records that are invalid: malformed JSON, missing fields, wrong types, bad timestamps, unknown event types");
    public static final Setting LATE_RATIO = new Setting("PRODUCER_LATE_RATIO", "--late-ratio", "0",
            "fraction of events whose event time is 1 minute to 6 hours behind");
    public static final Setting OUT_OF_ORDER_RATIO = new Setting("PRODUCER_OUT_OF_ORDER_RATIO", "--out-of-order-ratio", "0",
            "fraction of events held back and sent after up to 32 later ones");
    public static final Setting DUPLICATE_RATIO = new Setting("PRODUCER_DUPLICATE_RATIO", "--duplicate-ratio", "0",
            "fraction of events sent twice (same event_id)");
    public static final Setting COMPRESSION = new Setting("PRODUCER_COMPRESSION", "--compression", "zstd",
            "compression.type of the Kafka producer: zstd, none, gzip, snappy or lz4");
    public static final Setting LINGER_MS = new Setting("PRODUCER_LINGER_MS", "--linger-ms", "20",
            "linger.ms: how long a batch waits for more events, in milliseconds");
    public static final Setting BATCH_SIZE = new Setting("PRODUCER_BATCH_SIZE", "--batch-size", "131072",
            "batch.size: largest batch per partition in bytes (e.g. 131072 or 128KB)");
    public static final Setting DELIVERY_TIMEOUT = new Setting("PRODUCER_DELIVERY_TIMEOUT", "--delivery-timeout", "2m",
            "delivery.timeout.ms: how long an event may be retried (e.g. while a broker is away) before it counts as failed");
    public static final Setting STARTUP_TIMEOUT = new Setting("PRODUCER_STARTUP_TIMEOUT", "--startup-timeout", "60s",
            "how long to wait for the broker at start-up before giving up with exit code 1");
    public static final Setting START_TIME = new Setting("PRODUCER_START_TIME", "--start-time", null,
            "simulated time the run starts at, ISO-8601 (e.g. 2026-01-19T00:00:00Z), for back-fills; unset = wall clock; "
                    + "not in the future with --rate 0, and a run with --events or --duration must end before 2100");
    public static final Setting SPEEDUP = new Setting("PRODUCER_SPEEDUP", "--speedup", "1",
            "simulated seconds per real second when a rate paces the run (e.g. 60 = an hour of events per minute); with no start "
                    + "time, starts now; unused with --rate 0");
    public static final Setting PROGRESS_INTERVAL = new Setting("PRODUCER_PROGRESS_INTERVAL", "--progress-interval", "10s",
            "how often to log a progress line");
    public static final Setting CREATE_TOPIC = new Setting("KAFKA_CREATE_TOPIC", "--create-topic", "false",
            "create the topic at start-up if it does not exist (true/false)");
    public static final Setting PARTITIONS = new Setting("KAFKA_PARTITIONS", "--partitions", "3",
            "partitions of a topic created by --create-topic");
    public static final Setting REPLICATION_FACTOR = new Setting("KAFKA_REPLICATION_FACTOR", "--replication-factor", "1",
            "replication factor of a topic created by --create-topic");
    public static final Setting KAFKA_CLIENT_CONFIG = KafkaClientProperties.KAFKA_CLIENT_CONFIG;

    public static final Setting REPORT = new Setting("PRODUCER_REPORT", "--report", "0",
            "simulate this many events without Kafka, print their session statistics next to the profile's targets, exit; 0 = publish");

    /** Every setting, in the order of the help text and the README table. */
    public static final List<Setting> SETTINGS = List.of(BROKER, TOPIC, EVENTS, DURATION, RATE, SEED, USERS, PRODUCTS,
            ZIPF_EXPONENT, SESSION_RATE, SESSION_TIMEOUT, THINK_TIME, BOUNCE_PROBABILITY, EXIT_PROBABILITY,
            RETURNING_SHARE, DIURNAL, VIEW_TO_CART, CART_TO_PURCHASE, CHECKOUT_TO_PURCHASE,
            INVALID_RATIO, LATE_RATIO, OUT_OF_ORDER_RATIO, DUPLICATE_RATIO, COMPRESSION, LINGER_MS, BATCH_SIZE,
            DELIVERY_TIMEOUT, STARTUP_TIMEOUT, START_TIME, SPEEDUP, PROGRESS_INTERVAL, CREATE_TOPIC, PARTITIONS,
            REPLICATION_FACTOR, KAFKA_CLIENT_CONFIG, REPORT);

    /** Settings that are switches: {@code --create-topic} alone means true. */
    public static final Set<Setting> SWITCHES = Set.of(CREATE_TOPIC, DIURNAL);

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_START = Instant.parse("2100-01-01T00:00:00Z");

    public ProducerConfig {
        Objects.requireNonNull(brokers, "brokers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(imperfections, "imperfections");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(kafkaClient, "kafkaClient");
    }

    /**
     * Reads and checks every setting, reporting all bad values at once.
     *
     * @param values environment variables with flag values put over them under the variable names
     * @param fromFlags the variable names whose value came from a flag (messages then name the flag)
     * @throws io.clickstream.common.config.ConfigException listing every problem, one line each
     */
    public static ProducerConfig from(Map<String, String> values, Set<String> fromFlags) {
        var reader = new ConfigReader(values, fromFlags);
        String brokers = reader.string(BROKER);
        checkBrokers(reader, brokers);
        String topic = reader.string(TOPIC);
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            reader.problem(TOPIC, topic, "is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)");
        }
        long events = reader.longValue(EVENTS, 0, Long.MAX_VALUE);
        Duration duration = reader.raw(DURATION).filter(v -> !v.equals("0")).isPresent()
                ? reader.duration(DURATION, Duration.ofMillis(1), Duration.ofDays(3650))
                : Duration.ZERO;
        double rate = decimal(reader, RATE, 0, 10_000_000);
        long seed = reader.raw(SEED).isPresent() ? reader.longValue(SEED, Long.MIN_VALUE, Long.MAX_VALUE)
                : new SplittableRandom().nextLong();

        int users = reader.integer(USERS, 1, 10_000_000);
        int products = reader.integer(PRODUCTS, 1, 10_000_000);
        double zipf = decimal(reader, ZIPF_EXPONENT, 0, 10);
        boolean sessionRateDerived = reader.string(SESSION_RATE).equalsIgnoreCase("derived");
        double sessionRate = sessionRateDerived ? SimulationSettings.NOMINAL_SESSIONS_PER_SECOND
                : decimal(reader, SESSION_RATE, SimulationPlan.MIN_SESSIONS_PER_SECOND, 1_000_000, "derived or ");
        Duration sessionTimeout = reader.duration(SESSION_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1));
        Duration thinkTime = reader.duration(THINK_TIME, Duration.ofMillis(100), Duration.ofHours(1));
        int problems = reader.problems().size();
        double viewToCart = reader.fraction(VIEW_TO_CART);
        double cartToPurchase = reader.fraction(CART_TO_PURCHASE);
        double checkoutToPurchase = reader.fraction(CHECKOUT_TO_PURCHASE);
        double bounce = reader.fraction(BOUNCE_PROBABILITY);
        double exit = reader.fraction(EXIT_PROBABILITY);
        double returningShare = reader.fraction(RETURNING_SHARE);
        // rules between settings only once each value is valid on its own: one message per mistake
        if (reader.problems().size() == problems) {
            if (cartToPurchase > checkoutToPurchase) {
                reader.problem(CART_TO_PURCHASE, reader.string(CART_TO_PURCHASE), "cannot exceed "
                        + CHECKOUT_TO_PURCHASE.env() + "=" + checkoutToPurchase + ": every purchase passes checkout");
            }
            checkRoomNextToCart(reader, BOUNCE_PROBABILITY, bounce, viewToCart);
            checkRoomNextToCart(reader, EXIT_PROBABILITY, exit, viewToCart);
        }
        Boolean diurnalChoice = diurnal(reader);

        problems = reader.problems().size();
        double invalidRatio = reader.fraction(INVALID_RATIO);
        double lateRatio = reader.fraction(LATE_RATIO);
        double outOfOrderRatio = reader.fraction(OUT_OF_ORDER_RATIO);
        double duplicateRatio = reader.fraction(DUPLICATE_RATIO);
        if (reader.problems().size() == problems && invalidRatio + lateRatio + outOfOrderRatio > 1 + 1e-9) {
            reader.problem(INVALID_RATIO, reader.string(INVALID_RATIO), "plus " + LATE_RATIO.env() + " and "
                    + OUT_OF_ORDER_RATIO.env() + " must be at most 1 (they are shares of the same records)");
        }

        Compression compression = reader.choice(COMPRESSION, Compression.class);
        problems = reader.problems().size();
        int lingerMs = reader.integer(LINGER_MS, 0, 60_000);
        long batchSize = reader.bytes(BATCH_SIZE, 1024, 64L << 20);
        Duration deliveryTimeout = reader.duration(DELIVERY_TIMEOUT, Duration.ofSeconds(5), Duration.ofHours(24));
        if (reader.problems().size() == problems && deliveryTimeout.toMillis() < lingerMs + 1000L) {
            reader.problem(DELIVERY_TIMEOUT, reader.string(DELIVERY_TIMEOUT),
                    "must be at least " + LINGER_MS.env() + " + 1s (Kafka needs time for one request after the linger)");
        }
        Duration startupTimeout = reader.duration(STARTUP_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(24));
        Instant startTime = instant(reader, START_TIME);
        double speedup = decimal(reader, SPEEDUP, 0.001, 1_000_000);
        Duration progressInterval = reader.duration(PROGRESS_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        boolean createTopic = bool(reader, CREATE_TOPIC);
        int partitions = reader.integer(PARTITIONS, 1, 100_000);
        int replicationFactor = reader.integer(REPLICATION_FACTOR, 1, Short.MAX_VALUE);
        KafkaClientProperties kafkaClient = KafkaClientProperties.read(reader, SETTINGS);
        long report = reader.longValue(REPORT, 0, 1_000_000_000);

        reader.throwIfInvalid();
        // back-fills follow the daily curve unless told otherwise: their hours are meant to differ
        boolean diurnal = diurnalChoice != null ? diurnalChoice : startTime != null;
        var simulation = new SimulationSettings(users, products, zipf, sessionRate, sessionTimeout,
                new FunnelSettings(viewToCart, cartToPurchase, checkoutToPurchase),
                new VisitSettings(bounce, exit, thinkTime, returningShare), diurnal);
        var imperfections = new Imperfections(invalidRatio, lateRatio, outOfOrderRatio, duplicateRatio);
        var config = new ProducerConfig(brokers, topic, events, duration, rate, seed, simulation, sessionRateDerived,
                imperfections, compression, lingerMs, (int) batchSize, deliveryTimeout, startupTimeout, startTime, speedup,
                progressInterval, createTopic, partitions, (short) replicationFactor, kafkaClient, report);
        SimulationPlan.checkTimeline(config, Instant.now(), reader);
        reader.throwIfInvalid();
        return config;
    }

    /** The configuration with no environment at all: every default. */
    public static ProducerConfig defaults() {
        return from(Map.of(), Set.of());
    }

    private static void checkRoomNextToCart(ConfigReader reader, Setting leaving, double probability, double viewToCart) {
        if (probability + viewToCart > 1 + 1e-9) {
            reader.problem(leaving, reader.string(leaving), "plus " + VIEW_TO_CART.env() + "=" + viewToCart
                    + " must be at most 1 (a product page offers add_to_cart at that rate first)");
        }
    }

    private static void checkBrokers(ConfigReader reader, String brokers) {
        for (String server : brokers.split(",", -1)) {
            var m = HOST_PORT.matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                reader.problem(BROKER, brokers, "expected host:port[,host:port...], e.g. localhost:9092");
                return;
            }
        }
    }

    private static double decimal(ConfigReader reader, Setting setting, double min, double max) {
        return decimal(reader, setting, min, max, "");
    }

    /** @param alternatives what else is accepted, for the message (e.g. {@code "derived or "}) */
    private static double decimal(ConfigReader reader, Setting setting, double min, double max, String alternatives) {
        String text = reader.string(setting);
        try {
            double value = Double.parseDouble(text.replace("_", ""));
            if (!(value >= min && value <= max)) {
                reader.problem(setting, text, "must be " + alternatives + "between " + plain(min) + " and " + plain(max));
            }
            return value;
        } catch (NumberFormatException e) {
            reader.problem(setting, text, "is not a number; expected " + alternatives + plain(min) + ".." + plain(max));
            return min;
        }
    }

    private static boolean bool(ConfigReader reader, Setting setting) {
        Boolean value = parseBool(reader.string(setting));
        if (value == null) {
            reader.problem(setting, reader.string(setting), "must be true or false");
            return false;
        }
        return value;
    }

    /** {@code null} for auto. */
    private static Boolean diurnal(ConfigReader reader) {
        String text = reader.string(DIURNAL);
        if (text.equalsIgnoreCase("auto")) {
            return null;
        }
        Boolean value = parseBool(text);
        if (value == null) {
            reader.problem(DIURNAL, text, "must be auto, true or false");
        }
        return value;
    }

    private static Boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> null;
        };
    }

    private static Instant instant(ConfigReader reader, Setting setting) {
        String text = reader.string(setting);
        if (text == null) {
            return null;
        }
        try {
            Instant value = OffsetDateTime.parse(text).toInstant();
            if (value.isBefore(EARLIEST_START) || !value.isBefore(LATEST_START)) {
                reader.problem(setting, text, "must be between " + EARLIEST_START + " and " + LATEST_START
                        + " (the consumer rejects event times outside that range)");
            }
            return value;
        } catch (DateTimeParseException e) {
            reader.problem(setting, text, "is not an ISO-8601 time with offset, e.g. 2026-01-19T00:00:00Z");
            return null;
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
