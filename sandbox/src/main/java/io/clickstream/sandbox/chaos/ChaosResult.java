package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.lake.VerifierReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run did and found.
 *
 * @param faults how often each kind of fault was injected
 * @param confirmedWindowKills kills between upload and commit for which Kafka confirmed, right after the
 *     kill, that the uploaded file's offsets were not committed
 * @param eventsPlanned events the producer was asked to send
 * @param producerExit the producer's exit code (0 = every event acknowledged), -1 if it had to be killed
 * @param consumersStarted consumer processes started in all
 * @param drain from the end of the faults until the group had committed everything (or gave up)
 * @param report the verifier's report, or {@code null} if the run did not get that far
 * @param problems everything else that went wrong (a producer failure, a consumer that crashed, a drain that timed out)
 * @param warnings known defects seen that do not affect the lake (reported, not failed on)
 */
public record ChaosResult(long seed, Duration duration, Map<FaultKind, Integer> faults, int confirmedWindowKills,
        long eventsPlanned, int producerExit, int consumersStarted, Duration drain, Duration elapsed,
        VerifierReport report, List<String> problems, List<String> warnings, Path runDir) {

    public ChaosResult {
        faults = new EnumMap<>(faults);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The lake passed verification and nothing else went wrong. */
    public boolean ok() {
        return report != null && report.ok() && problems.isEmpty();
    }

    public int count(FaultKind kind) {
        return faults.getOrDefault(kind, 0);
    }

    /** Consumer kills of every sort. */
    public int kills() {
        return faults.entrySet().stream().filter(e -> e.getKey().isKill()).mapToInt(Map.Entry::getValue).sum();
    }

    /** The summary the {@code chaos} command prints. */
    public String describe() {
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "== clickstream chaos run: seed %d, %.1f min of faults ==%n", seed,
                duration.toMillis() / 60_000.0));
        s.append("faults:\n");
        for (FaultKind kind : FaultKind.values()) {
            s.append(String.format(Locale.ROOT, "  %-50s %4d%s%n", kind.label(), count(kind),
                    kind == FaultKind.KILL_AFTER_UPLOAD ? " (" + confirmedWindowKills + " confirmed uncommitted)" : ""));
        }
        s.append(String.format(Locale.ROOT, "  %-50s %4d%n", "consumer kills in all", kills()));
        s.append(String.format(Locale.ROOT, "producer     : %d events planned, exit %s%n", eventsPlanned,
                producerExit == 0 ? "0 (every event acknowledged)" : producerExit + " (FAILED, see producer.log)"));
        s.append(String.format(Locale.ROOT, "consumers    : %d processes started%n", consumersStarted));
        if (report != null) {
            s.append(String.format(Locale.ROOT, "rows         : %d in the lake (%d files), %d dead letters, %d topic offsets%n",
                    report.rows(), report.files(), report.deadLetters(), report.expectedOffsets()));
        }
        s.append(String.format(Locale.ROOT, "drain        : %.1f s after the last fault; whole run %.1f s%n",
                drain.toMillis() / 1000.0, elapsed.toMillis() / 1000.0));
        s.append("verification : ")
                .append(report == null ? "not run" : report.describe().replace("\n", "\n               ")).append('\n');
        if (!problems.isEmpty()) {
            s.append("problems     :\n");
            problems.forEach(p -> s.append("  - ").append(p).append('\n'));
        }
        if (!warnings.isEmpty()) {
            s.append("warnings     :\n");
            warnings.forEach(w -> s.append("  - ").append(w).append('\n'));
        }
        s.append("run folder   : ").append(runDir).append('\n');
        s.append("result       : ").append(ok() ? "PASS" : "FAIL");
        return s.toString();
    }
}
