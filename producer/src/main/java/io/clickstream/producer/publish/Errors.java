package io.clickstream.producer.publish;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;

/** One-line descriptions of exceptions, for log lines that must not carry a stack trace. */
public final class Errors {

    private Errors() {
    }

    /** The innermost meaningful cause, past the wrappers that futures and the clients add. */
    public static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ExecutionException || current instanceof CompletionException
                        || current.getClass() == KafkaException.class)) {
            current = current.getCause();
        }
        return current;
    }

    /** {@code SimpleName: message}, shortened to one line. */
    public static String describe(Throwable error) {
        Throwable cause = rootCause(error);
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message.replaceAll("\\s+", " ").trim());
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
