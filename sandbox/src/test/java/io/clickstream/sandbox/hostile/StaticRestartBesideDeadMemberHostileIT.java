package io.clickstream.sandbox.hostile;

import static io.clickstream.sandbox.hostile.StaticGroupRig.ENFORCE_LINE;
import static io.clickstream.sandbox.hostile.StaticGroupRig.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.lake.VerifierReport;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three static members under the classic protocol. One is killed and not restarted (a lost node: its id keeps
 * its slot until its session times out); a second later another is killed and restarted in place. The README
 * says of a restart in place that the other consumers' "commits wait for it (a second or two)". But the
 * restart's one rebalance ({@code StaticRestartRebalance}) makes every member rejoin, and a classic rebalance
 * waits for every member, the dead one too, until its session ends: the healthy member's commits, and the
 * restarted member's, wait for the dead member's session, not a second or two.
 */
class StaticRestartBesideDeadMemberHostileIT {
    private static final Duration SESSION = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @Test
    void aRestartInPlaceDoesNotHoldTheHealthyMembersCommitsForADeadMembersSession() throws Exception {
        try (var rig = new StaticGroupRig(STACK, "restart-beside-dead", 6)) {
            Map<String, JarProcess> members = new HashMap<>();
            Map<String, Map<String, String>> envs = new HashMap<>();
            for (String id : List.of("a", "b", "c")) {
                Map<String, String> env = rig.env("classic", id, SESSION.toSeconds() + "s");
                env.put("BATCH_MAX_AGE", "1s");
                env.put("SPOOL_DIR", ConsumerEnv.newSpoolDir().toString());
                envs.put(id, env);
                members.put(id, consumers.start("beside-dead-" + id, env, List.of("-Xmx256m")));
                rig.awaitStable(members.size(), Duration.ofSeconds(60));
            }
            Thread.sleep(3000);
            rig.awaitStable(3, Duration.ofSeconds(30));
            List<Integer> bOwns = rig.ownedBy("b");
            List<Integer> cOwns = rig.ownedBy("c");

            var stop = new AtomicBoolean();
            Thread traffic = new Thread(() -> {
                while (!stop.get()) {
                    rig.send(30);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "traffic");
            traffic.start();
            // (time since start, committed offsets) every 250 ms
            List<long[]> bTimeline = new ArrayList<>();
            List<long[]> cTimeline = new ArrayList<>();
            long t0 = System.nanoTime();
            long aKilled = 0;
            long cRestarted = 0;
            JarProcess cAgain = null;
            try {
                while (true) {
                    long now = (System.nanoTime() - t0) / 1_000_000;
                    Map<Integer, Long> committed = rig.committed();
                    bTimeline.add(new long[] {now, bOwns.stream().mapToLong(p -> committed.getOrDefault(p, 0L)).sum()});
                    cTimeline.add(new long[] {now, cOwns.stream().mapToLong(p -> committed.getOrDefault(p, 0L)).sum()});
                    if (aKilled == 0 && now > 5000) {
                        members.get("a").kill(); // a lost node: never restarted
                        aKilled = now;
                    }
                    if (cRestarted == 0 && aKilled != 0 && now > aKilled + 1000) {
                        members.get("c").kill();
                        cAgain = consumers.start("beside-dead-c-again", envs.get("c"), List.of("-Xmx256m"));
                        cRestarted = now;
                    }
                    if (aKilled != 0 && now > aKilled + SESSION.toMillis() + 15_000) {
                        break;
                    }
                    Thread.sleep(250);
                }
            } finally {
                stop.set(true);
                traffic.join(30_000);
            }
            JarProcess b = members.get("b");
            JarProcess restarted = cAgain;
            rig.awaitCommittedToEnd(Duration.ofSeconds(60), () -> b.isAlive() && restarted.isAlive());

            long bGap = longestGap(bTimeline, cRestarted);
            long cFirstCommit = firstAdvance(cTimeline, cRestarted);
            System.out.printf("HOSTILE beside dead: a killed at %d ms, c restarted at %d ms (session %s); b owns %s, c owns %s;"
                    + " b's longest gap without a commit after the restart: %d ms; c's partitions first committed %d ms after"
                    + " its restart; enforce lines: c-again %d, b %d%n", aKilled, cRestarted, SESSION, bOwns, cOwns, bGap,
                    cFirstCommit, count(restarted, ENFORCE_LINE), count(b, ENFORCE_LINE));
            System.out.println("HOSTILE b's deferral lines: " + b.output().lines().filter(l -> l.contains("waits for the rebalance")).toList());

            restarted.terminate();
            b.terminate();
            assertThat(restarted.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(b.awaitExit(Duration.ofSeconds(60))).isZero();
            VerifierReport report = rig.verifyLake();
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.rows()).as(report.describe()).isEqualTo(rig.sent());
            // The README's promise for a restart in place: the others' commits wait "a second or two".
            assertThat(bGap).as("longest time b committed nothing after c's restart in place (ms)").isLessThan(10_000);
            assertThat(cFirstCommit).as("time from c's restart to its partitions committing again (ms)").isLessThan(15_000);
        }
    }

    /** The longest stretch after {@code from} during which the committed sum did not move (ms). */
    private static long longestGap(List<long[]> timeline, long from) {
        long longest = 0;
        long lastMove = -1;
        long previous = -1;
        for (long[] sample : timeline) {
            if (sample[0] < from) {
                previous = sample[1];
                lastMove = from;
                continue;
            }
            if (sample[1] != previous) {
                previous = sample[1];
                lastMove = sample[0];
            }
            longest = Math.max(longest, sample[0] - lastMove);
        }
        return longest;
    }

    /** Time from {@code from} to the first sample whose committed sum is above the one at {@code from} (ms). */
    private static long firstAdvance(List<long[]> timeline, long from) {
        long base = -1;
        for (long[] sample : timeline) {
            if (sample[0] <= from) {
                base = sample[1];
            } else if (sample[1] > base) {
                return sample[0] - from;
            }
        }
        return Long.MAX_VALUE;
    }
}
