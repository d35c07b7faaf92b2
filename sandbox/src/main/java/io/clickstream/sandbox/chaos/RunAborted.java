package io.clickstream.sandbox.chaos;

/** The run cannot go on (consumers crash-looping): no drain, no verification. */
final class RunAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunAborted(String message) {
        super(message, null, false, false);
    }
}
