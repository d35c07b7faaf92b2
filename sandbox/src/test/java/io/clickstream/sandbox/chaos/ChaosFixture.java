package io.clickstream.sandbox.chaos;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A chaos run's pieces around real child processes, with the stand-in jar ({@link StandInJar}) as consumer and
 * producer, and no broker or S3: for tests of the parts that start, kill and watch processes.
 */
final class ChaosFixture implements AutoCloseable {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ChaosOptions options;
    final FaultLog log;
    final ChaosProcesses processes;
    final RecoveryTracker tracker = new RecoveryTracker();
    final RestartQueue restarts = new RestartQueue();

    /** @param env the stand-in consumers' environment (see {@link StandInJar} for what it reads) */
    ChaosFixture(Path dir, Map<String, String> env) {
        Path jar = StandInJar.write(dir);
        Path runDir = dir.resolve("run");
        var jars = new ChaosJars(jar, jar);
        options = ChaosOptions.defaults(Duration.ofMinutes(1), 1, runDir, jars);
        log = new FaultLog(new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("chaos.log"), System::nanoTime);
        processes = new ChaosProcesses(options, jars, runDir, env, log, (member, upload) -> {
        });
    }

    /** The kills, with no broker to confirm an aimed one and no stack faults. */
    ConsumerKills kills() {
        return new ConsumerKills(processes, null, null, tracker, restarts, log);
    }

    /** The watch, with no eviction and the usual upload-commit pause for replacements. */
    ProcessWatch watch() {
        return new ProcessWatch(processes, new GroupEviction(options, null, null, log),
                new ZombiePauses(options, processes, tracker, log), tracker, restarts,
                new ConsumerMode.PauseAfterUpload(Duration.ofSeconds(2)), log, new Findings());
    }

    /** What the run printed so far. */
    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        processes.close();
        log.close();
    }
}
