package io.clickstream.producer;

import io.clickstream.common.config.ConfigException;
import io.clickstream.producer.cli.Flags;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar clickstream-producer.jar}: reads the configuration, runs {@link ProducerApp}, and
 * maps the result to an exit code: 0 every event sent was acknowledged (also after Ctrl-C or SIGTERM),
 * 1 delivery failures or Kafka unreachable or refusing, 2 bad configuration.
 */
public final class ProducerMain {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;

    private static final List<String> DESCRIPTION = List.of(
            "Simulates shoppers on a web shop and publishes their clickstream events as JSON to Kafka.",
            "Every option can also be set by its environment variable; an option given on the command line wins.",
            "");
    private static final List<String> FOOTER = List.of("",
            "Exit codes: 0 every event sent was acknowledged (also after Ctrl-C / SIGTERM), 1 events not delivered or",
            "Kafka unreachable at start-up, 2 bad configuration.");

    private ProducerMain() {
    }

    public static void main(String[] args) {
        var stop = new AtomicBoolean();
        var finished = new CountDownLatch(1);
        var exitCode = new AtomicInteger(FAILED);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C or SIGTERM: stop generating and wait for the main thread to flush and print the
            // summary, then end with the run's own exit code rather than the signal's 130/143.
            // (After System.exit below, the latch is already open and this halts with the same code.)
            stop.set(true);
            try {
                if (!finished.await(15, TimeUnit.MINUTES)) {
                    System.err.println("gave up waiting for the producer to flush");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode.get());
        }, "clickstream-shutdown"));

        int code = FAILED;
        try {
            code = run(args, System.getenv(), new ProducerApp(), stop,
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            System.err.println("unexpected error: " + e);
            e.printStackTrace(System.err); // a bug, not an expected condition: the trace is wanted
        } finally {
            exitCode.set(code);
            finished.countDown();
        }
        System.exit(code);
    }

    /** Everything but the process wiring; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, ProducerApp app, AtomicBoolean stop,
            PrintWriter out, PrintWriter err) {
        var flags = new Flags("clickstream-producer", "clickstream-producer 0.1.0", DESCRIPTION,
                ProducerConfig.SETTINGS, ProducerConfig.SWITCHES, FOOTER);
        Flags.Parsed parsed = flags.parse(args, out);
        if (parsed instanceof Flags.Parsed.HelpShown) {
            return OK;
        }
        if (parsed instanceof Flags.Parsed.Invalid invalid) {
            err.println("error: " + invalid.message());
            err.println("run with --help for the options");
            err.flush();
            return BAD_CONFIG;
        }
        var values = (Flags.Parsed.Values) parsed;
        ProducerConfig config;
        try {
            config = ProducerConfig.from(values.over(environment), values.fromFlags());
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("config error: " + problem));
            err.flush();
            return BAD_CONFIG;
        }
        if (config.report() > 0) {
            SimulationReport.lines(config, Instant.now()).forEach(out::println);
            out.flush();
            return OK;
        }
        return exitCode(app.run(config, stop));
    }

    static int exitCode(ProducerSummary summary) {
        return summary.succeeded() ? OK : FAILED;
    }
}
