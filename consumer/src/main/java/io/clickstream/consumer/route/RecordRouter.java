package io.clickstream.consumer.route;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.IngestionTime;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.layout.HourFolder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides where one record goes: a row in the hour file it belongs to, or a rejection. A pure
 * function of the record's bytes and Kafka timestamp, so a replay decides exactly the same way.
 */
public final class RecordRouter {
    private final EventDecoder decoder;
    private final PartitionTime partitionTime;
    private final Duration lateEventMax;
    private final LateEventTarget lateTarget;

    public RecordRouter(EventDecoder decoder, PartitionTime partitionTime, Duration lateEventMax, LateEventTarget lateTarget) {
        this.decoder = decoder;
        this.partitionTime = partitionTime;
        this.lateEventMax = lateEventMax;
        this.lateTarget = lateTarget;
    }

    public sealed interface Route {
        /**
         * A row of the lake.
         *
         * @param partitionTime the instant that picks the row's hour folder and, for a file's first row, names the file
         * @param folder the hour folder of {@code partitionTime}, under {@code late/} for a late event
         */
        record Row(ClickEvent event, Instant ingestedAt, Instant partitionTime, HourFolder folder) implements Route {
            public boolean late() {
                return folder.late();
            }
        }

        record Reject(List<Violation> violations) implements Route {
        }
    }

    public Route route(byte[] value, long kafkaTimestampMillis) {
        DecodeResult result = decoder.decode(value);
        if (result instanceof DecodeResult.Invalid invalid) {
            return new Route.Reject(invalid.violations());
        }
        ClickEvent event = ((DecodeResult.Valid) result).event();
        Instant ingestedAt = IngestionTime.of(kafkaTimestampMillis, event.timestamp());
        if (partitionTime == PartitionTime.INGESTION) {
            return new Route.Row(event, ingestedAt, ingestedAt, HourFolder.of(ingestedAt, false));
        }
        // Lateness is measured against the record's own Kafka timestamp, not against the newest event
        // the consumer has seen: the latter depends on where a replay starts, and would put the same
        // record under a different key after a crash.
        boolean late = event.timestamp().isBefore(ingestedAt.minus(lateEventMax));
        if (late && lateTarget == LateEventTarget.DLQ) {
            return new Route.Reject(List.of(new Violation(EventFields.TIMESTAMP, Reason.LATE_EVENT,
                    "event time " + event.timestamp() + " is more than " + lateEventMax + " behind ingestion " + ingestedAt)));
        }
        return new Route.Row(event, ingestedAt, event.timestamp(), HourFolder.of(event.timestamp(), late));
    }
}
