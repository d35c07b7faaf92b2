package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.ChaosPlan.Action;

/**
 * Plays a {@link ChaosPlan}'s steps, each at its time on the run's clock, watching the processes in between.
 * A kill may wait for a worthwhile target; the rest of the schedule then moves with it, by at most a quarter
 * of the phase in all.
 */
final class FaultPhase {
    private final ChaosOptions options;
    private final ProcessWatch watch;
    private final ChaosProcesses processes;
    private final ConsumerKills kills;
    private final GroupEviction eviction;
    private final StackFaults stack;
    private final FaultLog log;

    FaultPhase(ChaosOptions options, ProcessWatch watch, ChaosProcesses processes, ConsumerKills kills,
            GroupEviction eviction, StackFaults stack, FaultLog log) {
        this.options = options;
        this.watch = watch;
        this.processes = processes;
        this.kills = kills;
        this.eviction = eviction;
        this.stack = stack;
        this.log = log;
    }

    /** Plays every step, then waits for the end of the phase (moved as late as the kills made it). */
    void run(ChaosPlan plan) {
        long late = 0;
        long maxLate = options.duration().toMillis() / 4;
        for (ChaosPlan.Step step : plan.steps()) {
            watch.waitUntil(step.at().toMillis() + late);
            late += perform(step.action(), maxLate - late);
        }
        watch.waitUntil(options.duration().toMillis() + late);
    }

    /** Performs a step; returns how long it waited for a target (kills only). */
    private long perform(Action action, long maxWaitMillis) {
        if (action instanceof ChaosPlan.KillConsumer kill) {
            return kills.perform(kill, maxWaitMillis);
        } else if (action instanceof ChaosPlan.StartConsumer start) {
            int alive = processes.consumers().alive().size();
            if (alive < options.consumersMax()) {
                processes.startConsumer(start.mode(), "");
            } else {
                log.note("(no start: " + alive + " consumers alive, the most allowed)");
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
