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
 * @param group how the consumers joined their group ({@link ChaosOptions#describeGroup()})
 * @param faults how often each kind of fault was injected
 * @param confirmedWindowKills kills between upload and commit for which Kafka confirmed, right after the
 *     kill, that the uploaded file's offsets were not committed
 * @param eventsPlanned events the producer was asked to send
 * @param producerExit the producer's exit code (0 = every event acknowledged), -1 if it had to be killed
 * @param consumersStarted consumer processes started in all
 * @param membersWithInstanceId of the group's members seen (described twice a second or so, each time counted),
 *     how many had joined with an instance id: none means static membership was not in effect
 * @param membersSeen group members seen in all
 * @param recovery per kill and per zombie pause, the time until the partitions it held were committed again
 * @param zombies what each paused consumer went through and did after its resume
 * @param committedOverwrites uploads that replaced an object the group had already committed past (each also a
 *     problem): must be 0
 * @param lastFault when and what the last fault was (injected or ended), {@code none} if there was none
 * @param drainAfterLastFault from {@code lastFault} until the group had committed everything; {@code null} if it
 *     never did
 * @param drain from the end of the fault phase until the group had committed everything (or gave up)
 * @param report the verifier's report, or {@code null} if the run did not get that far
 * @param problems everything else that went wrong (a producer failure, a consumer that crashed, a drain that timed out)
 * @param warnings known defects seen that do not affect the lake (reported, not failed on)
 */
public record ChaosResult(long seed, Duration duration, Membership membership, String group,
        Map<FaultKind, Integer> faults, int confirmedWindowKills, long eventsPlanned, int producerExit,
        int consumersStarted, long membersSeen, long membersWithInstanceId, RecoveryReport recovery,
        List<String> zombies, int committedOverwrites, String lastFault, Duration drainAfterLastFault, Duration drain, Duration elapsed,
        VerifierReport report, List<String> problems, List<String> warnings, Path runDir) {

    public ChaosResult {
        faults = new EnumMap<>(faults);
        zombies = List.copyOf(zombies);
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

    /** Static membership was asked for and the group's members did carry instance ids. */
    public boolean staticMembershipSeen() {
        return membership == Membership.STATIC && membersWithInstanceId > 0;
    }

    private static void figures(StringBuilder s, RecoveryReport.Figures f) {
        killFigures(s, f);
        s.append("    zombie pauses (until the others committed)     : ").append(f.zombies().describe("pauses"))
                .append('\n');
    }

    /**
     * The kill lines only: for the figures clear of zombie pauses, where a line of pauses clear of other pauses
     * would read as the zombies' own figures.
     */
    private static void killFigures(StringBuilder s, RecoveryReport.Figures f) {
        s.append("    restarted in place (same slot / instance id)   : ").append(f.restartedInPlace().describe("kills"))
                .append('\n');
        s.append("    not restarted in place (others took over)      : ").append(f.replaced().describe("kills"))
                .append('\n');
        s.append("    all kills                                      : ").append(f.kills().describe("kills"))
                .append('\n');
    }

    /** The summary the {@code chaos} command prints. */
    public String describe() {
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "== clickstream chaos run: seed %d, %.1f min of faults ==%n", seed,
                duration.toMillis() / 60_000.0));
        s.append("group        : ").append(group).append('\n');
        s.append("faults:\n");
        for (FaultKind kind : FaultKind.values()) {
            s.append(String.format(Locale.ROOT, "  %-60s %4d%s%n", kind.label(), count(kind),
                    kind == FaultKind.KILL_AFTER_UPLOAD ? " (" + confirmedWindowKills + " confirmed uncommitted)" : ""));
        }
        s.append(String.format(Locale.ROOT, "  %-60s %4d%n", "consumer kills in all", kills()));
        s.append(String.format(Locale.ROOT, "producer     : %d events planned, exit %s%n", eventsPlanned,
                producerExit == 0 ? "0 (every event acknowledged)" : producerExit + " (FAILED, see producer.log)"));
        s.append(String.format(Locale.ROOT, "consumers    : %d processes started; %d of %d group members seen carried "
                + "an instance id%n", consumersStarted, membersWithInstanceId, membersSeen));
        s.append("recovery     : from a kill (or SIGSTOP) until every partition the consumer held was committed again\n")
                .append("               (nearest-rank percentiles; sampled every ").append(GroupWatch.PERIOD_MILLIS)
                .append(" ms, so each figure errs long by up to that)\n");
        figures(s, recovery.all());
        s.append("  clear of the S3 outage and the broker restart (nobody can commit while S3 or Kafka is down):\n");
        figures(s, recovery.clearOfStackFaults());
        s.append("  clear of those and of zombie pauses (a frozen consumer's partitions wait for its session ")
                .append("timeout):\n");
        killFigures(s, recovery.clearOfStackFaultsAndPauses());
        s.append("  alone (no other kill, pause, S3 outage or broker restart until it had recovered):\n");
        figures(s, recovery.alone());
        if (recovery.heldNothing() > 0) {
            s.append(String.format(Locale.ROOT, "  (%d kill(s) or pause(s) of consumers that held no partitions, not "
                    + "counted)%n", recovery.heldNothing()));
        }
        if (!zombies.isEmpty()) {
            s.append("zombies      :\n");
            zombies.forEach(z -> s.append("  - ").append(z).append('\n'));
        }
        s.append(String.format(Locale.ROOT, "overwrites   : %d committed object(s) overwritten by a later upload%s%n",
                committedOverwrites, committedOverwrites == 0 ? "" : " (see problems)"));
        if (report != null) {
            s.append(String.format(Locale.ROOT, "rows         : %d in the lake (%d files), %d dead letters, %d topic offsets%n",
                    report.rows(), report.files(), report.deadLetters(), report.expectedOffsets()));
        }
        s.append(String.format(Locale.ROOT, "drain        : %s after the last fault (%s) until everything was committed;%n",
                drainAfterLastFault == null ? "NOT DRAINED" : String.format(Locale.ROOT, "%.1f s",
                        drainAfterLastFault.toMillis() / 1000.0), lastFault));
        s.append(String.format(Locale.ROOT, "               %.1f s after the end of the fault phase; whole run %.1f s%n",
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
