package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ChaosPlan.Action;

/**
 * Plays a {@link ChaosPlan}'s steps, each at its time on the run's clock, watching the processes in between.
 * A kill or a pause may wait for a worthwhile target; the rest of the schedule then moves with it, by at most a
 * quarter of the phase in all. The phase ends when its time is up and no consumer is still paused.
 */
final class FaultPhase {
    private final ChaosOptions options;
    private final ProcessWatch watch;
    private final ChaosProcesses processes;
    private final ConsumerKills kills;
    private final ZombiePauses zombies;
    private final GroupEviction eviction;
    private final StackFaults stack;
    private final RecoveryTracker tracker;
    private final FaultLog log;

    FaultPhase(ChaosOptions options, ProcessWatch watch, ChaosProcesses processes, ConsumerKills kills,
            ZombiePauses zombies, GroupEviction eviction, StackFaults stack, RecoveryTracker tracker, FaultLog log) {
        this.options = options;
        this.watch = watch;
        this.processes = processes;
        this.kills = kills;
        this.zombies = zombies;
        this.eviction = eviction;
        this.stack = stack;
        this.tracker = tracker;
        this.log = log;
    }

    /** Plays every step, then waits for the end of the phase (moved as late as the kills made it). */
    void run(ChaosPlan plan) {
        long late = 0;
        long maxLate = options.duration().toMillis() / 4;
        for (ChaosPlan.Step step : plan.steps()) {
            waitUntil(step.at().toMillis() + late);
            late += perform(step.action(), maxLate - late);
        }
        waitUntil(options.duration().toMillis() + late);
        // A pause still due (no consumer held partitions yet, e.g. all started while S3 was down) may use what is
        // left of the schedule's slack, as a kill waiting for its target does.
        long slackEnd = options.duration().toMillis() + maxLate;
        while (zombies.anyDue() && log.elapsedMillis() < slackEnd) {
            watch.waitUntil(log.elapsedMillis() + ProcessWatch.TICK_MILLIS);
        }
        zombies.dropDue();
        if (zombies.anyPaused()) {
            log.note("fault phase over but for a paused consumer: waiting for its resume");
            while (zombies.anyPaused()) {
                watch.waitUntil(log.elapsedMillis() + ProcessWatch.TICK_MILLIS);
            }
        }
    }

    /** Watches the processes until {@code millis} on the run's clock, taking an aimed kill that a kill passed on. */
    private void waitUntil(long millis) {
        while (log.elapsedMillis() < millis) {
            watch.waitUntil(Math.min(millis, log.elapsedMillis() + ProcessWatch.TICK_MILLIS));
            kills.takeOwedAim();
        }
    }

    /** Performs a step; returns how long it waited for a target (kills only: a pause waits in the background). */
    private long perform(Action action, long maxWaitMillis) {
        if (action instanceof ChaosPlan.KillConsumer kill) {
            return kills.perform(kill, maxWaitMillis);
        } else if (action instanceof ChaosPlan.PauseConsumer pause) {
            zombies.perform(pause);
        } else if (action instanceof ChaosPlan.StartConsumer start) {
            // A paused consumer does not count: nobody running knows it is frozen.
            int running = processes.consumers().running().size();
            if (running >= options.consumersMax()) {
                log.note("(no start: " + running + " consumers running, the most allowed)");
            } else if (start.inPlace()) {
                ConsumerPool.Member member = processes.restartConsumer(start.mode(), "");
                if (member.restartedInPlace) {
                    tracker.restartedInPlace(member.slot);
                }
            } else {
                processes.startConsumer(start.mode(), "");
            }
        } else if (action instanceof ChaosPlan.EvictGroup) {
            eviction.evict();
        } else if (action instanceof ChaosPlan.FailS3) {
            stack.failS3();
        } else if (action instanceof ChaosPlan.StopS3) {
            stack.stopS3();
        } else if (action instanceof ChaosPlan.StartS3) {
            stack.startS3();
        } else if (action instanceof ChaosPlan.StopBroker) {
            stack.stopBroker();
        } else if (action instanceof ChaosPlan.StartBroker) {
            stack.startBroker();
        } else {
            throw new IllegalStateException("unknown action " + action);
        }
        return 0;
    }
}
