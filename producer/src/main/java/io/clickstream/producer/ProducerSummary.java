package io.clickstream.producer;

import io.clickstream.producer.traffic.InvalidKind;
import io.clickstream.producer.traffic.TrafficCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run did.
 *
 * @param outcome why it ended
 * @param problem a one-line description when it ended badly, else {@code null}
 * @param seed the seed used, to repeat the run
 * @param sent records handed to the Kafka producer
 * @param acked records the broker acknowledged
 * @param failed records that could not be delivered (each counted, by error type in {@code failuresByError})
 * @param traffic what kinds of records were sent
 * @param elapsed from the first event to the end of the flush
 */
public record ProducerSummary(Outcome outcome, String problem, long seed, long sent, long acked, long failed,
        TrafficCounts traffic, Map<String, Long> failuresByError, Duration elapsed) {

    public enum Outcome {
        /** The event count or duration was reached. */
        FINISHED,
        /** Stopped on request (Ctrl-C, SIGTERM, the caller's stop flag). */
        STOPPED,
        /** The broker did not answer within the start-up timeout. */
        BROKER_UNREACHABLE,
        /** Kafka refused: the topic could not be created, authorization, a fatal producer error. */
        KAFKA_ERROR
    }

    public ProducerSummary {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(elapsed, "elapsed");
        failuresByError = Collections.unmodifiableMap(new TreeMap<>(failuresByError));
    }

    static ProducerSummary notStarted(Outcome outcome, String problem, long seed) {
        return new ProducerSummary(outcome, problem, seed, 0, 0, 0, TrafficCounts.EMPTY, Map.of(), Duration.ZERO);
    }

    /** Records neither acknowledged nor reported failed (only possible if closing the producer timed out). */
    public long unconfirmed() {
        return Math.max(0, sent - acked - failed);
    }

    /** Every record sent was acknowledged (true for a run that sent nothing). */
    public boolean allAcknowledged() {
        return acked == sent;
    }

    /** The run did what was asked: no start-up or Kafka error, and every record sent was acknowledged. */
    public boolean succeeded() {
        return (outcome == Outcome.FINISHED || outcome == Outcome.STOPPED) && allAcknowledged();
    }

    public Map<InvalidKind, Long> invalidByKind() {
        return traffic.invalidByKind();
    }

    public long duplicates() {
        return traffic.duplicates();
    }

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }

    /** The final summary, a few lines for the log. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "summary: %s, sent=%,d acked=%,d failed=%,d in %.1fs (%,.0f events/s), seed=%d",
                outcome.name().toLowerCase(Locale.ROOT), sent, acked, failed, elapsed.toMillis() / 1000.0,
                eventsPerSecond(), seed));
        if (traffic.total() > 0) {
            String invalid = traffic.invalidByKind().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().code() + "=" + e.getValue()).collect(Collectors.joining(" "));
            lines.add(String.format(Locale.ROOT, "  records: valid=%,d late=%,d out_of_order=%,d duplicates=%,d invalid=%,d%s",
                    traffic.valid(), traffic.late(), traffic.outOfOrder(), traffic.duplicates(), traffic.invalid(),
                    invalid.isEmpty() ? "" : " (" + invalid + ")"));
        }
        if (failed > 0 || unconfirmed() > 0) {
            // A request whose answer never came (a timeout, a broker that went away) may still have been written:
            // such events are unconfirmed, not known to be missing.
            boolean maybeWritten = unconfirmed() > 0 || failuresByError.containsKey("TimeoutException");
            lines.add(String.format(Locale.ROOT, "  NOT ACKNOWLEDGED: %,d events%s%s%s", failed + unconfirmed(),
                    failuresByError.isEmpty() ? "" : " " + failuresByError,
                    unconfirmed() > 0 ? String.format(Locale.ROOT, ", %,d never confirmed", unconfirmed()) : "",
                    maybeWritten ? "; one whose request timed out may still be in the topic" : ""));
        }
        if (problem != null) {
            lines.add("  problem: " + problem);
        }
        lines.add(succeeded() ? "  result: every event sent was acknowledged" : "  result: FAILED");
        return lines;
    }
}
