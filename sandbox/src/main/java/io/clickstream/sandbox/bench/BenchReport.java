package io.clickstream.sandbox.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A {@link PipelineBench.Result} as a table for people and as JSON for comparing runs. */
final class BenchReport {
    // Issue 16's targets (issue 6's were: end to end >= 0.5 x the raw read, >= 100,000 events/s, lake <= 0.25 x JSON).
    static final double MAX_CONSUMER_CPU_SECONDS_PER_MILLION = 7.0;
    static final double MIN_E2E_EVENTS_PER_SECOND = 150_000;
    static final long MAX_CONSUMER_RSS_BYTES = 512L << 20;
    static final long MAX_PRODUCER_RSS_BYTES = 512L << 20;
    static final double MAX_LAKE_OVER_JSON = 0.08;
    static final double MIN_PRODUCER_OVER_PLAIN = 0.8;
    /** Launch to the first fetch (assignment), with the class-data archive the image uses. */
    static final Duration MAX_STARTUP_WITH_ARCHIVE = Duration.ofSeconds(1);

    private final PipelineBench.Result result;
    private final String command;
    private final List<Target> targets;

    BenchReport(PipelineBench.Result result, String command) {
        this.result = result;
        this.command = command;
        this.targets = targets();
    }

    /** One goal of issue 16, the measured value and whether it is met. */
    record Target(String name, double measured, String unit, String comparison, double goal, boolean met, String note) {
    }

    List<Target> targetsForTest() {
        return targets;
    }

    RawReader.Read bestRead() {
        return result.reads().stream().max(Comparator.comparingDouble(RawReader.Read::eventsPerSecond)).orElseThrow();
    }

    ConsumerRound bestRound() {
        return result.consumerRounds().stream().max(Comparator.comparingDouble(ConsumerRound::eventsPerSecond)).orElseThrow();
    }

    private double worst(ToDoubleFunction<ConsumerRound> value) {
        return result.consumerRounds().stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private List<Target> targets() {
        var list = new ArrayList<Target>();
        double cpu = result.consumerRounds().stream().filter(r -> r.rows() > 0).mapToDouble(ConsumerRound::cpuSecondsPerMillion).min().orElse(Double.NaN);
        list.add(new Target("consumer CPU per M events", cpu, "s", "<=", MAX_CONSUMER_CPU_SECONDS_PER_MILLION,
                cpu <= MAX_CONSUMER_CPU_SECONDS_PER_MILLION, "best round, all the consumer JVM's threads, from launch"));
        double warm = result.consumerRounds().stream().filter(r -> r.rows() > 0 && r.warm() != null)
                .mapToDouble(r -> r.warm().cpuSecondsPerMillion()).min().orElse(Double.NaN);
        if (!Double.isNaN(warm)) {
            list.add(new Target("  the same, warmed up", warm, "s", "<=", MAX_CONSUMER_CPU_SECONDS_PER_MILLION,
                    warm <= MAX_CONSUMER_CPU_SECONDS_PER_MILLION, String.format(Locale.ROOT,
                            "best round, from %.0f %% to %.0f %% of the topic consumed: no start-up, JIT warm-up or last close",
                            WarmWindow.FROM * 100, WarmWindow.TO * 100)));
        }
        double e2e = bestRound().eventsPerSecond();
        list.add(new Target("end-to-end events/s", e2e, "events/s", ">=", MIN_E2E_EVENTS_PER_SECOND,
                e2e >= MIN_E2E_EVENTS_PER_SECOND, "best round"));
        double rss = worst(r -> r.rssPeakBytes());
        boolean ownProcess = result.options().mode() == PipelineBench.Mode.PROCESS;
        list.add(new Target("consumer RSS peak", rss / (1 << 20), "MiB", "<=", MAX_CONSUMER_RSS_BYTES >> 20,
                rss >= 0 && rss <= MAX_CONSUMER_RSS_BYTES,
                ownProcess ? "worst round, VmHWM of the consumer JVM" : "in-process: includes the embedded broker and S3"));
        double lake = worst(r -> (double) r.lakeBytes() / r.jsonBytes());
        list.add(new Target("lake bytes / JSON bytes", lake, "x", "<=", MAX_LAKE_OVER_JSON, lake <= MAX_LAKE_OVER_JSON,
                "worst round"));
        if (result.producer() != null) {
            double p = result.producer().ratio();
            list.add(new Target("producer / plain send loop", p, "x", ">=", MIN_PRODUCER_OVER_PLAIN,
                    p >= MIN_PRODUCER_OVER_PLAIN, String.format(Locale.ROOT,
                            "best run of each side (ProducerBench); median of the rounds' own A/B %.2f",
                            result.producer().medianRoundRatio())));
        }
        if (result.producerChild() != null) {
            long p = result.producerChild().peakRssBytes();
            list.add(new Target("producer RSS peak", p / (double) (1 << 20), "MiB", "<=", MAX_PRODUCER_RSS_BYTES >> 20,
                    p >= 0 && p <= MAX_PRODUCER_RSS_BYTES, "VmHWM of java -jar clickstream-producer.jar, JVM defaults"));
        }
        startupTarget().ifPresent(list::add);
        return list;
    }

    /** The best round's launch to assignment, against 1 s when the consumer ran with a class-data archive. */
    private java.util.Optional<Target> startupTarget() {
        double best = result.consumerRounds().stream().map(ConsumerRound::startup).filter(d -> !d.isNegative())
                .mapToDouble(BenchReport::seconds).min().orElse(Double.NaN);
        if (Double.isNaN(best)) {
            return java.util.Optional.empty();
        }
        // Java 17's class-data archive, or Java 24+'s AOT cache (which holds one and more)
        boolean given = result.options().consumerJvmOptions().stream()
                .anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=") || o.startsWith("-XX:AOTCache="));
        List<Integer> refused = result.consumerRounds().stream().filter(ConsumerRound::archiveRefused)
                .map(ConsumerRound::round).toList();
        boolean archive = given && refused.isEmpty();
        double goal = seconds(MAX_STARTUP_WITH_ARCHIVE);
        String note = archive ? "best round, launch to assignment, with the class-data archive (or AOT cache)"
                : given ? "best round, launch to assignment; the consumer's JVM refused the archive or cache in round(s) "
                        + refused + " and started without it (its log says why: another jar, other options)"
                : "best round, launch to assignment; the target is for a start with the class-data archive:"
                        + " --consumer-jvm -XX:SharedArchiveFile=...";
        return java.util.Optional.of(new Target("consumer start-up", best, "s", "<=", goal, archive && best <= goal, note));
    }

    List<String> table() {
        var o = result.options();
        var loaded = result.loaded();
        var lines = new ArrayList<String>();
        lines.add("== clickstream-pipeline bench ==");
        lines.add("command   : " + command);
        lines.add(String.format(Locale.ROOT, "machine   : %d cores, Java %s; load (1/5/15 min) %s at start, %s at end",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), result.loadAtStart(),
                result.loadAtEnd()));
        lines.add(String.format(Locale.ROOT, "data      : %,d events, %.1f MB JSON (%.0f B/event), keys %.1f MB, %d partitions, seed %d;"
                        + " pre-loaded in %.1f s (%,.0f events/s)", loaded.events(), loaded.valueBytes() / 1e6,
                (double) loaded.valueBytes() / loaded.events(), loaded.keyBytes() / 1e6, o.partitions(), o.seed(),
                seconds(loaded.elapsed()), loaded.eventsPerSecond()));
        lines.add("consumer  : " + (o.mode() == PipelineBench.Mode.PROCESS
                ? "separate JVM: " + (o.consumerJava() == null ? "java" : o.consumerJava().toString()) + " "
                        + String.join(" ", o.consumerJvmOptions()) + (o.consumerJvmOptions().isEmpty() ? "" : " ")
                        + "-jar " + o.consumerJar()
                : "in-process ConsumerApp")
                + "; EXIT_WHEN_IDLE=" + o.idle().toMillis() + "ms" + (o.consumerEnv().isEmpty() ? "" : "; " + o.consumerEnv()));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-22s %5s %10s %7s %8s %10s %9s %9s %6s %9s %6s", "side", "round", "events/s",
                "MB/s", "time s", "CPU s/M", "heap MiB", "RSS MiB", "files", "file MB", "load"));
        for (int i = 0; i < Math.max(result.reads().size(), result.consumerRounds().size()); i++) {
            if (i < result.reads().size()) {
                RawReader.Read r = result.reads().get(i);
                lines.add(String.format(Locale.ROOT, "%-22s %5d %,10.0f %7.1f %8.1f %10.2f %9s %9s %6s %9s %6.2f",
                        "A raw read", r.round(), r.eventsPerSecond(), r.megabytesPerSecond(), seconds(r.elapsed()),
                        r.cpuSecondsPerMillion(), "-", "-", "-", "-", r.loadBefore().one()));
            }
            if (i < result.consumerRounds().size()) {
                ConsumerRound c = result.consumerRounds().get(i);
                lines.add(String.format(Locale.ROOT, "%-22s %5d %,10.0f %7.1f %8.1f %10.2f %9s %9s %6d %9.2f %6.2f",
                        "B consumer end to end", c.round(), c.eventsPerSecond(), c.megabytesPerSecond(),
                        seconds(c.measured()), c.cpuSecondsPerMillion(), mib(c.heapPeakBytes()), mib(c.rssPeakBytes()),
                        c.files(), c.meanFileBytes() / 1e6, c.loadBefore().one()));
            }
        }
        lines.add("");
        for (ConsumerRound c : result.consumerRounds()) {
            lines.add(String.format(Locale.ROOT, "B round %d: launch to lag 0 %.1f s = %s + %s + idle wait %.1f s (excluded)"
                            + " + %s;%s heap committed peak %s MiB; allocated %s; lake %.1f MB = %.3f x JSON; exit code %d%s", c.round(),
                    seconds(c.wall()), c.startup().isNegative() ? "start-up ?" : String.format(Locale.ROOT, "start-up %.1f s (JVM, S3 check, group join)", seconds(c.startup())),
                    c.consuming() == null ? "consuming" : String.format(Locale.ROOT, "consuming %.1f s (%,.0f events/s)",
                            seconds(c.consuming()), c.steadyEventsPerSecond()),
                    seconds(c.idleWait()),
                    c.tail().isNegative() ? "close/upload/commit ?" : String.format(Locale.ROOT, "close/upload/commit %.1f s", seconds(c.tail())),
                    c.warm() == null ? "" : String.format(Locale.ROOT, " warmed up (%.0f-%.0f %% of the topic) %,.0f events/s at %.2f CPU s/M;",
                            WarmWindow.FROM * 100, WarmWindow.TO * 100, c.warm().eventsPerSecond(), c.warm().cpuSecondsPerMillion()),
                    mib(c.heapCommittedBytes()), Double.isNaN(c.allocatedBytesPerEvent()) ? "?"
                            : String.format(Locale.ROOT, "%,.0f MB (%,.0f B/event, GC log)", c.allocatedBytes() / 1e6,
                                    c.allocatedBytesPerEvent()), c.lakeBytes() / 1e6, (double) c.lakeBytes() / c.jsonBytes(), c.exitCode(),
                    c.jfrFile() == null ? "" : "; JFR " + c.jfrFile()));
        }
        lines.add("");
        lines.add("targets (issue 16)               measured          target");
        for (Target t : targets) {
            lines.add(String.format(Locale.ROOT, "  %-28s %12s %-4s %2s %9s %-4s  %-4s  (%s)", t.name(), number(t.measured(), t.unit()),
                    shortUnit(t.unit()), t.comparison(), number(t.goal(), t.unit()), shortUnit(t.unit()), t.met() ? "MET" : "MISS", t.note()));
        }
        lines.add("");
        if (result.producer() != null) {
            result.producer().table().forEach(l -> lines.add("  " + l));
        } else {
            lines.add("producer bench: " + result.producerNote());
        }
        lines.add("");
        ProducerChildReport.lines(result.producerChild(), result.producerChildNote()).forEach(l -> lines.add("  " + l));
        lines.add("");
        lines.add("how it was measured:");
        lines.add("  rates       : JSON (record value) bytes, MB = 10^6 B; best round of each side counts for the targets");
        lines.add("  A raw read  : the consumer's own KafkaConsumer settings, assign all partitions, seekToBeginning, count records and bytes");
        lines.add("                up to the end offsets; in the bench JVM next to the broker; CPU = the reading thread's");
        lines.add("  B consumer  : time from launch until the group's committed offsets reach the end offsets (every row uploaded),");
        lines.add("                minus the EXIT_WHEN_IDLE wait that a finite topic needs to flush its last files");
        if (!result.consumerRounds().isEmpty()) {
            lines.add("  B CPU       : " + result.consumerRounds().get(0).cpuMethod());
            lines.add(String.format(Locale.ROOT, "  B warmed up : between the consumer's progress lines (one a second) at %.0f %% and %.0f %% of the"
                    + " topic: events/s and CPU per event", WarmWindow.FROM * 100, WarmWindow.TO * 100));
            lines.add("                without the start, the JIT compilers' first seconds and the last close (one-off costs of a run)");
            lines.add("  B memory    : " + result.consumerRounds().get(0).memoryMethod());
        }
        lines.add(String.format(Locale.ROOT, "  bench JVM   : (embedded Kafka + S3 + raw reader + producer bench) peak RSS %s MiB",
                mib(result.benchJvmPeakRssBytes())));
        if (result.options().mode() == PipelineBench.Mode.PROCESS) {
            lines.add("  logs        : the consumer's output and GC log of each round are in " + result.logDir());
        }
        return lines;
    }

    String json() {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        var o = result.options();
        root.put("command", command);
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        load(machine.putObject("loadAtStart"), result.loadAtStart());
        load(machine.putObject("loadAtEnd"), result.loadAtEnd());
        machine.put("benchJvmPeakRssBytes", result.benchJvmPeakRssBytes());
        root.put("logDir", result.logDir() == null ? null : result.logDir().toString());
        ObjectNode config = root.putObject("config");
        config.put("events", o.events());
        config.put("partitions", o.partitions());
        config.put("rounds", o.rounds());
        config.put("seed", o.seed());
        config.put("consumerMode", o.mode().name().toLowerCase(Locale.ROOT));
        config.put("consumerJar", o.consumerJar() == null ? null : o.consumerJar().toString());
        config.put("consumerJava", o.consumerJava() == null ? null : o.consumerJava().toString());
        o.consumerJvmOptions().forEach(config.putArray("consumerJvmOptions")::add);
        ObjectNode env = config.putObject("consumerEnv");
        o.consumerEnv().forEach(env::put);
        config.put("exitWhenIdleMillis", o.idle().toMillis());
        config.put("producerEvents", o.producerEvents());
        config.put("producerJar", o.producerJar() == null ? null : o.producerJar().toString());
        ObjectNode data = root.putObject("data");
        data.put("events", result.loaded().events());
        data.put("jsonBytes", result.loaded().valueBytes());
        data.put("keyBytes", result.loaded().keyBytes());
        data.put("preloadSeconds", seconds(result.loaded().elapsed()));
        var reads = root.putArray("rawRead");
        for (RawReader.Read r : result.reads()) {
            ObjectNode n = reads.addObject();
            n.put("round", r.round());
            n.put("records", r.records());
            n.put("jsonBytes", r.valueBytes());
            n.put("keyBytes", r.keyBytes());
            n.put("seconds", seconds(r.elapsed()));
            n.put("eventsPerSecond", r.eventsPerSecond());
            n.put("megabytesPerSecond", r.megabytesPerSecond());
            n.put("cpuSeconds", seconds(r.cpu()));
            n.put("cpuSecondsPerMillionEvents", r.cpuSecondsPerMillion());
            n.put("load1m", r.loadBefore().one());
        }
        var rounds = root.putArray("consumer");
        for (ConsumerRound c : result.consumerRounds()) {
            ObjectNode n = rounds.addObject();
            n.put("round", c.round());
            n.put("mode", c.mode());
            n.put("rows", c.rows());
            n.put("jsonBytes", c.jsonBytes());
            n.put("wallSeconds", seconds(c.wall()));
            n.put("idleWaitSeconds", seconds(c.idleWait()));
            n.put("measuredSeconds", seconds(c.measured()));
            n.put("startupSeconds", c.startup().isNegative() ? null : seconds(c.startup()));
            n.put("tailSeconds", c.tail().isNegative() ? null : seconds(c.tail()));
            n.put("eventsPerSecond", c.eventsPerSecond());
            n.put("megabytesPerSecond", c.megabytesPerSecond());
            n.put("consumingSeconds", c.consuming() == null ? null : seconds(c.consuming()));
            n.put("steadyEventsPerSecond", c.consuming() == null ? null : c.steadyEventsPerSecond());
            n.put("cpuSeconds", seconds(c.cpu()));
            n.put("cpuSecondsPerMillionEvents", c.cpuSecondsPerMillion());
            n.put("cpuMethod", c.cpuMethod());
            n.put("warmEventsPerSecond", c.warm() == null ? null : c.warm().eventsPerSecond());
            n.put("warmCpuSecondsPerMillionEvents", c.warm() == null ? null : c.warm().cpuSecondsPerMillion());
            n.put("heapPeakBytes", c.heapPeakBytes());
            n.put("heapCommittedPeakBytes", c.heapCommittedBytes());
            n.put("rssPeakBytes", c.rssPeakBytes());
            n.put("allocatedBytes", c.allocatedBytes() < 0 ? null : c.allocatedBytes());
            n.put("allocatedBytesPerEvent", Double.isNaN(c.allocatedBytesPerEvent()) ? null : c.allocatedBytesPerEvent());
            n.put("memoryMethod", c.memoryMethod());
            n.put("lakeBytes", c.lakeBytes());
            n.put("lakeOverJson", (double) c.lakeBytes() / c.jsonBytes());
            n.put("files", c.files());
            n.put("meanFileBytes", c.meanFileBytes());
            n.put("exitCode", c.exitCode());
            n.put("load1m", c.loadBefore().one());
            n.put("jfr", c.jfrFile());
        }
        if (result.producer() != null) {
            ObjectNode p = root.putObject("producer");
            p.put("events", result.producer().events());
            var runs = p.putArray("runs");
            for (ProducerBenchResult.Measurement m : result.producer().measurements()) {
                ObjectNode n = runs.addObject();
                n.put("side", m.side().name().toLowerCase(Locale.ROOT));
                n.put("round", m.round());
                n.put("events", m.records());
                n.put("bytes", m.bytes());
                n.put("seconds", seconds(m.elapsed()));
                n.put("eventsPerSecond", m.eventsPerSecond());
                n.put("megabytesPerSecond", m.megabytesPerSecond());
                n.put("jvmCpuSecondsPerMillion", m.cpuSecondsPerMillion());
            }
            p.put("ratio", result.producer().ratio());
            var ratios = p.putArray("roundRatios");
            result.producer().roundRatios().forEach(ratios::add);
            p.put("medianRoundRatio", result.producer().medianRoundRatio());
        } else {
            root.put("producerSkipped", result.producerNote());
        }
        ProducerChildReport.putJson(root, result.producerChild(), result.producerChildNote());
        var list = root.putArray("targets");
        for (Target t : targets) {
            ObjectNode n = list.addObject();
            n.put("name", t.name());
            n.put("measured", t.measured());
            n.put("unit", t.unit());
            n.put("comparison", t.comparison());
            n.put("target", t.goal());
            n.put("met", t.met());
            n.put("note", t.note());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static void load(ObjectNode node, MachineLoad load) {
        node.put("1m", load.one());
        node.put("5m", load.five());
        node.put("15m", load.fifteen());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d", bytes >> 20);
    }

    private static String number(double value, String unit) {
        return switch (unit) {
            case "x" -> String.format(Locale.ROOT, "%.3f", value);
            case "s" -> String.format(Locale.ROOT, "%.2f", value);
            default -> String.format(Locale.ROOT, "%,.0f", value);
        };
    }

    private static String shortUnit(String unit) {
        return unit.equals("events/s") ? "ev/s" : unit;
    }
}
