package io.clickstream.sandbox.chaos;

/** What a chaos run does to the pipeline, as counted in its result. */
public enum FaultKind {
    KILL("kill -9 of a consumer"),
    KILL_AFTER_UPLOAD("kill -9 of a consumer between upload and commit"),
    SELF_HALT_AFTER_UPLOAD("consumer halted itself between upload and commit"),
    SELF_HALT_DURING_UPLOAD("consumer halted itself halfway through an upload"),
    CONSUMER_PAUSE("consumer paused past its session timeout (SIGSTOP/SIGCONT)"),
    CONSUMER_START("consumer started in a new slot (new instance id)"),
    CONSUMER_RESTART("consumer restarted in a dead one's slot (same instance id)"),
    GROUP_EVICTION("group members evicted after a kill (Admin API)"),
    S3_ERRORS("S3 answering 503 (phase)"),
    S3_STOPPED("S3 stopped (phase)"),
    BROKER_RESTART("broker restart");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Kills of every sort: by signal, in the upload-commit window, or by the consumer itself. */
    public boolean isKill() {
        return this == KILL || this == KILL_AFTER_UPLOAD || this == SELF_HALT_AFTER_UPLOAD
                || this == SELF_HALT_DURING_UPLOAD;
    }

    /** Starts are not faults: the drain after the last fault is not measured from a start. */
    public boolean isStart() {
        return this == CONSUMER_START || this == CONSUMER_RESTART;
    }
}
