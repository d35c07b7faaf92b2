package io.clickstream.consumer;

import io.clickstream.common.cli.SettingsCommandLine;
import io.clickstream.common.config.ConfigException;
import io.clickstream.consumer.delivery.FaultHooks;
import io.clickstream.consumer.kafka.SinkSummary;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clickstream-consumer.jar [--flag value ...]}. Exit codes: 0 stopped cleanly,
 * 1 failed, 2 bad configuration (or a missing bucket / refused credentials).
 */
public final class ConsumerMain {
    private static final Logger log = LoggerFactory.getLogger(ConsumerMain.class);

    private ConsumerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        var parsed = SettingsCommandLine.parse("clickstream-consumer",
                "Reads clickstream events from Kafka, validates them, and writes hour-partitioned Parquet files to S3. "
                        + "Offsets are committed only after the files holding them are uploaded.",
                "clickstream-consumer " + version(), ConsumerConfig.SETTINGS, env, args, out, err);
        if (parsed instanceof SettingsCommandLine.Parsed.Exit exit) {
            return exit.code();
        }
        var values = (SettingsCommandLine.Parsed.Run) parsed;
        ConsumerConfig config;
        FaultHooks hooks;
        try {
            config = ConsumerConfig.from(values.values(), values.fromFlags());
            hooks = FaultHooks.parse(System.getProperty(FaultHooks.PROPERTY));
            if (env.get(FaultHooks.ENV) != null) {
                log.warn("{} is set in the environment and ignored: test crash hooks are armed only by the JVM option -D{}",
                        FaultHooks.ENV, FaultHooks.PROPERTY);
            }
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("configuration error: " + p));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        if (config.hours().finalizeRange() != null) {
            return FinalizeHours.run(config, out, err);
        }
        var app = new ConsumerApp(config, hooks);
        var finished = new CountDownLatch(1);
        var exitCode = new AtomicInteger(1);
        Thread hook = new Thread(() -> {
            log.info("shutdown requested: flushing open files, uploading and committing (at most {})",
                    config.shutdownTimeout());
            app.stop();
            try {
                // Keep the JVM alive until the loop has committed, bounded by the shutdown timeout.
                if (finished.await(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    // A signal starts the JVM's shutdown with status 143, and System.exit in main() then blocks
                    // behind this hook without changing it. Everything is committed and closed by now: halt with
                    // run()'s code, so a clean stop exits 0.
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SinkSummary summary = app.run();
            exitCode.set(summary.drainedCleanly() ? 0 : 1);
        } catch (ConsumerApp.StartupException e) {
            log.error("cannot start: {}", e.getMessage());
            exitCode.set(2);
        } catch (RuntimeException e) {
            log.error("consumer failed", e);
            exitCode.set(1);
        } finally {
            try {
                // Not stopped by a signal: the hook has nothing left to do (and must not halt a JVM that
                // called run() and goes on, such as a test's).
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook halts with exitCode once it sees the latch below
            }
            finished.countDown();
        }
        return exitCode.get();
    }

    private static String version() {
        String v = ConsumerMain.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
