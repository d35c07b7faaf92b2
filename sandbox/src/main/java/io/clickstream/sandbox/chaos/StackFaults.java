package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.embedded.EmbeddedStack;

/** The faults a run injects into the embedded stack (an S3 outage, a broker restart), each logged. */
final class StackFaults {
    private final EmbeddedStack stack;
    private final RecoveryTracker tracker;
    private final FaultLog log;
    /** Read by {@link GroupWatch}'s thread too. */
    private volatile boolean brokerUp = true;
    private volatile boolean s3Up = true;

    StackFaults(EmbeddedStack stack, RecoveryTracker tracker, FaultLog log) {
        this.stack = stack;
        this.tracker = tracker;
        this.log = log;
    }

    /** From now on S3 answers every request with 503 SlowDown. */
    void failS3() {
        s3Up = false;
        stack.s3().failRequests(503);
        tracker.stackFaultStarted(log.elapsedMillis());
        log.fault(FaultKind.S3_ERRORS, "S3 outage: every request answered with 503 SlowDown");
    }

    /** S3 stops answering at all (connections refused); the 503s end. */
    void stopS3() {
        stack.s3().healRequests();
        stack.s3().stop();
        log.fault(FaultKind.S3_STOPPED, "S3 outage: server stopped, connections refused");
    }

    void startS3() {
        stack.s3().start();
        s3Up = true;
        tracker.stackFaultEnded(log.elapsedMillis());
        log.faultOver("S3 is back");
    }

    /** The broker shuts down; its data stays. */
    void stopBroker() {
        log.fault(FaultKind.BROKER_RESTART, "broker restart: stopping the Kafka broker");
        brokerUp = false;
        tracker.stackFaultStarted(log.elapsedMillis());
        stack.kafka().stop();
        log.note("broker stopped");
    }

    /** The broker starts again on the same port with the same data. */
    void startBroker() {
        stack.kafka().start();
        brokerUp = true;
        tracker.stackFaultEnded(log.elapsedMillis());
        log.faultOver("broker started again on " + stack.kafka().bootstrapServers());
    }

    /** The faults are over: S3 answers every request and the broker runs. */
    void healAll() {
        stack.s3().healRequests();
        stack.s3().start();
        s3Up = true;
        if (!brokerUp) {
            stack.kafka().start();
            brokerUp = true;
        }
        tracker.stackFaultEnded(log.elapsedMillis());
    }

    /** False between a broker stop and its start: the Admin API cannot answer then. */
    boolean brokerUp() {
        return brokerUp;
    }

    /** True while both the broker and S3 are up: only then can a consumer upload a file and commit it. */
    boolean uploadsPossible() {
        return brokerUp && s3Up;
    }
}
