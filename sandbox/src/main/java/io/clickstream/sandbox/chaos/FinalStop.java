package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ConsumerPool.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The end of a run: SIGTERM to every consumer still running, and what their exit codes say. */
final class FinalStop {
    /** SIGTERM to exit: the consumers' SHUTDOWN_TIMEOUT plus time to close the clients. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private final ChaosProcesses processes;
    private final ProcessWatch watch;
    private final FaultLog log;
    private final Findings findings;

    FinalStop(ChaosProcesses processes, ProcessWatch watch, FaultLog log, Findings findings) {
        this.processes = processes;
        this.watch = watch;
        this.log = log;
        this.findings = findings;
    }

    void run() {
        watch.stopReplacing();
        ConsumerPool pool = processes.consumers();
        // A consumer started moments ago (for the drain) may not have installed its SIGTERM handler yet; the JVM
        // would then exit 143 at once. That is a race in this driver, not a consumer that failed to drain.
        for (Member m : pool.alive()) {
            m.jvm.awaitLogLine("starting consumer", Duration.ofSeconds(20));
        }
        Map<Member, Integer> codes = pool.terminateAll(STOP_TIMEOUT);
        watch.watch(); // reports those SIGTERMed during the drain
        List<String> summary = new ArrayList<>();
        codes.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().jvm.name())).forEach(e -> {
            Member m = e.getKey();
            int code = e.getValue();
            summary.add(m.jvm.name() + " exit " + code);
            boolean selfHalt = code == 137 && m.mode.selfHalting();
            if (code == 143 && m.jvm.tail(5).contains("everything committed")) {
                // The drain completed, so the lake is not at stake: reported, not failed on. ConsumerMain's shutdown
                // hook halts with run()'s code once run() has returned, but stops waiting after SHUTDOWN_TIMEOUT + 5 s;
                // a run() that returns just then leaves the JVM's own exit code for a SIGTERM, 143.
                findings.warning(m.jvm.name() + " exited 143 after SIGTERM although it logged 'everything committed' "
                        + "(ConsumerMain's shutdown hook stopped waiting for run() just before it returned, so the "
                        + "JVM's SIGTERM exit code stood)");
            } else if (code != 0 && !selfHalt && m.wasPaused()) {
                findings.warning(m.jvm.name() + ", a resumed zombie, exited with code " + code + " after SIGTERM (log "
                        + m.jvm.log() + ")");
            } else if (code != 0 && !selfHalt) {
                findings.problem(m.jvm.name() + " exited with code " + code + " after SIGTERM ("
                        + (code == -1 ? "killed after " + STOP_TIMEOUT.toSeconds() + " s" : "not drained cleanly")
                        + "); log " + m.jvm.log() + ", last lines:\n" + m.jvm.tail(15));
            }
        });
        log.note("SIGTERM to the consumers: " + (summary.isEmpty() ? "none alive" : String.join(", ", summary)));
    }
}
