package io.clickstream.consumer.route;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.event.IngestionTime;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.SourceText;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.layout.HourFolder;
import io.clickstream.consumer.kafka.BufferCopies;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides where one record goes: a row in the hour file it belongs to, or a rejection. A pure
 * function of the record's bytes and Kafka timestamp, so a replay decides exactly the same way.
 */
public final class RecordRouter {
    /** The field a {@link Reason#KAFKA_TIMESTAMP_TOO_OLD} names: the record's timestamp, not a field of the JSON. */
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";

    private final Rules rules;
    private final EventDecoder decoder;
    private final long kafkaTimestampMinMillis;

    /**
     * What decides a route.
     *
     * @param maxRecordBytes larger values are rejected unparsed ({@code MAX_RECORD_BYTES})
     * @param kafkaTimestampMin records whose Kafka timestamp is older are rejected ({@code KAFKA_TIMESTAMP_MIN}):
     *     a fixed instant, never one relative to the consumer's clock, so a replay decides the same way
     */
    public record Rules(int maxRecordBytes, PartitionTime partitionTime, Duration lateEventMax, LateEventTarget lateTarget,
            Instant kafkaTimestampMin) {
    }

    public RecordRouter(Rules rules) {
        this.rules = rules;
        this.decoder = new EventDecoder(rules.maxRecordBytes());
        this.kafkaTimestampMinMillis = rules.kafkaTimestampMin().toEpochMilli();
    }

    public sealed interface Route {
        /**
         * A row of the lake.
         *
         * @param partitionTime the instant that picks the row's hour folder and, for a file's first row, names the file
         * @param folder the hour folder of {@code partitionTime}, under {@code late/} for a late event
         * @param source where the event's strings lie in the record value, or {@code null}: the file writer takes
         *     their UTF-8 bytes from there
         */
        record Row(ClickEvent event, Instant ingestedAt, Instant partitionTime, HourFolder folder, SourceText source)
                implements Route {

            /** A row whose strings the writer encodes itself. */
            public Row(ClickEvent event, Instant ingestedAt, Instant partitionTime, HourFolder folder) {
                this(event, ingestedAt, partitionTime, folder, null);
            }

            public boolean late() {
                return folder.late();
            }

            /** The same row under {@code late/}: a straggler of an hour already sealed. */
            public Row asLate() {
                return late() ? this : new Row(event, ingestedAt, partitionTime, new HourFolder(folder.hour(), true), source);
            }

            /** {@code source} is a hint to the writer (the reader's own object), not part of the row. */
            @Override
            public boolean equals(Object other) {
                return other instanceof Row row && Objects.equals(event, row.event)
                        && Objects.equals(ingestedAt, row.ingestedAt) && Objects.equals(partitionTime, row.partitionTime)
                        && Objects.equals(folder, row.folder);
            }

            @Override
            public int hashCode() {
                return Objects.hash(event, ingestedAt, partitionTime, folder);
            }
        }

        record Reject(List<Violation> violations) implements Route {
        }
    }

    /**
     * @param value the record's value as the consumer's deserializer hands it over: a buffer over the record's own
     *     array (see {@code CappedBytesDeserializer}), read in place and left as it is; or {@code null}
     * @param valueBytes the value's size on the broker: larger than {@code value.remaining()} when the consumer's
     *     deserializer kept only a prefix of an oversized value
     */
    public Route route(ByteBuffer value, int valueBytes, long kafkaTimestampMillis) {
        if (valueBytes > rules.maxRecordBytes()) {
            return reject(Violation.WHOLE_RECORD, Reason.RECORD_TOO_LARGE,
                    valueBytes + " bytes, at most " + rules.maxRecordBytes() + " parsed");
        }
        // A negative timestamp means the record carries none; its event time (2000 or later) stands in for it.
        if (kafkaTimestampMillis >= 0 && kafkaTimestampMillis < kafkaTimestampMinMillis) {
            return reject(KAFKA_TIMESTAMP, Reason.KAFKA_TIMESTAMP_TOO_OLD, "Kafka timestamp " + kafkaTimestampMillis
                    + " (" + Instant.ofEpochMilli(kafkaTimestampMillis) + ") is before KAFKA_TIMESTAMP_MIN " + rules.kafkaTimestampMin());
        }
        DecodeResult result = decode(value);
        if (result instanceof DecodeResult.Invalid invalid) {
            return new Route.Reject(invalid.violations());
        }
        DecodeResult.Valid valid = (DecodeResult.Valid) result;
        ClickEvent event = valid.event();
        Instant ingestedAt = IngestionTime.of(kafkaTimestampMillis, event.timestamp());
        if (rules.partitionTime() == PartitionTime.INGESTION) {
            return new Route.Row(event, ingestedAt, ingestedAt, HourFolder.of(ingestedAt, false), valid.source());
        }
        // Lateness is measured against the record's own Kafka timestamp, not against the newest event
        // the consumer has seen: the latter depends on where a replay starts, and would put the same
        // record under a different key after a crash.
        boolean late = event.timestamp().isBefore(ingestedAt.minus(rules.lateEventMax()));
        if (late && rules.lateTarget() == LateEventTarget.DLQ) {
            return reject(EventFields.TIMESTAMP, Reason.LATE_EVENT, "event time " + event.timestamp() + " is more than "
                    + rules.lateEventMax() + " behind ingestion " + ingestedAt);
        }
        return new Route.Row(event, ingestedAt, event.timestamp(), HourFolder.of(event.timestamp(), late), valid.source());
    }

    private DecodeResult decode(ByteBuffer value) {
        if (value == null) {
            return decoder.decode(null);
        }
        if (!value.hasArray()) {
            return decoder.decode(BufferCopies.all(value));
        }
        return decoder.decode(value.array(), value.arrayOffset() + value.position(), value.remaining());
    }

    private static Route reject(String field, Reason reason, String detail) {
        return new Route.Reject(List.of(new Violation(field, reason, detail)));
    }
}
