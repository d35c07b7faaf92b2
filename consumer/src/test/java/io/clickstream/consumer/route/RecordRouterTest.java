package io.clickstream.consumer.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.EventFields;
import io.clickstream.common.validation.Reason;
import io.clickstream.common.validation.Violation;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.testing.Events;
import io.clickstream.consumer.testing.Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordRouterTest {
    private static final Instant KAFKA_TIME = Instant.parse("2026-01-19T12:00:00.250Z");
    private static final Duration LATE_MAX = Duration.ofHours(24);

    private static final Instant TIMESTAMP_MIN = Instant.parse("2000-01-01T00:00:00Z");

    /** The router, asked about a whole value (its size on the broker is its length). */
    private record Routing(RecordRouter router) {
        Route route(byte[] value, long kafkaTimestampMillis) {
            return router.route(Records.within(value), value == null ? 0 : value.length, kafkaTimestampMillis);
        }
    }

    private static Routing router(PartitionTime time, LateEventTarget target) {
        return new Routing(new RecordRouter(new RecordRouter.Rules(1 << 20, time, LATE_MAX, target, TIMESTAMP_MIN)));
    }

    private static Route.Row row(Route route) {
        assertThat(route).isInstanceOf(Route.Row.class);
        return (Route.Row) route;
    }

    @Test
    void ingestionTimeTakesTheHourFromTheKafkaTimestamp() {
        Instant eventTime = Instant.parse("2026-01-19T09:59:00Z");

        Route.Row row = row(router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX)
                .route(Events.json(eventTime), KAFKA_TIME.toEpochMilli()));

        assertThat(row.ingestedAt()).isEqualTo(KAFKA_TIME);
        assertThat(row.partitionTime()).isEqualTo(KAFKA_TIME);
        assertThat(row.event().timestamp()).isEqualTo(eventTime);
        assertThat(row.late()).isFalse();
    }

    @Test
    void ingestionTimeNeverCallsAnEventLateHoweverOld() {
        Route.Row row = row(router(PartitionTime.INGESTION, LateEventTarget.DLQ)
                .route(Events.json(KAFKA_TIME.minus(Duration.ofDays(300))), KAFKA_TIME.toEpochMilli()));

        assertThat(row.late()).isFalse();
        assertThat(row.partitionTime()).isEqualTo(KAFKA_TIME);
    }

    @Test
    void eventTimeTakesTheHourFromTheEventButKeepsKafkaTimeAsIngestion() {
        Instant eventTime = Instant.parse("2026-01-19T09:59:00Z");

        Route.Row row = row(router(PartitionTime.EVENT, LateEventTarget.LATE_PREFIX)
                .route(Events.json(eventTime), KAFKA_TIME.toEpochMilli()));

        assertThat(row.partitionTime()).isEqualTo(eventTime);
        assertThat(row.ingestedAt()).isEqualTo(KAFKA_TIME);
        assertThat(row.late()).isFalse();
    }

    @Test
    void anEventTooFarBehindItsKafkaTimestampIsRoutedUnderTheLatePrefix() {
        Instant eventTime = KAFKA_TIME.minus(LATE_MAX).minusMillis(1);

        Route.Row row = row(router(PartitionTime.EVENT, LateEventTarget.LATE_PREFIX)
                .route(Events.json(eventTime), KAFKA_TIME.toEpochMilli()));

        assertThat(row.late()).isTrue();
        assertThat(row.partitionTime()).isEqualTo(eventTime);
    }

    @Test
    void anEventExactlyLateEventMaxBehindIsNotLate() {
        Route.Row row = row(router(PartitionTime.EVENT, LateEventTarget.DLQ)
                .route(Events.json(KAFKA_TIME.minus(LATE_MAX)), KAFKA_TIME.toEpochMilli()));

        assertThat(row.late()).isFalse();
    }

    @Test
    void anEventFromTheFutureIsNotLate() {
        Route.Row row = row(router(PartitionTime.EVENT, LateEventTarget.DLQ)
                .route(Events.json(KAFKA_TIME.plus(Duration.ofDays(2))), KAFKA_TIME.toEpochMilli()));

        assertThat(row.late()).isFalse();
    }

    @Test
    void aLateEventIsRejectedAsLateEventWhenTheTargetIsTheDlq() {
        Instant eventTime = KAFKA_TIME.minus(Duration.ofDays(3));

        Route route = router(PartitionTime.EVENT, LateEventTarget.DLQ).route(Events.json(eventTime), KAFKA_TIME.toEpochMilli());

        assertThat(route).isInstanceOf(Route.Reject.class);
        Violation v = ((Route.Reject) route).violations().get(0);
        assertThat(v.reason()).isEqualTo(Reason.LATE_EVENT);
        assertThat(v.reason().code()).isEqualTo("late_event");
        assertThat(v.field()).isEqualTo(EventFields.TIMESTAMP);
        assertThat(v.detail()).contains(eventTime.toString()).contains(KAFKA_TIME.toString());
    }

    @Test
    void aKafkaTimestampOfMinusOneFallsBackToTheEventTime() {
        Instant eventTime = Instant.parse("2026-01-18T07:30:00Z");

        Route.Row ingestion = row(router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX).route(Events.json(eventTime), -1));
        Route.Row event = row(router(PartitionTime.EVENT, LateEventTarget.DLQ).route(Events.json(eventTime), -1));

        assertThat(ingestion.ingestedAt()).isEqualTo(eventTime);
        assertThat(ingestion.partitionTime()).isEqualTo(eventTime);
        assertThat(event.ingestedAt()).isEqualTo(eventTime);
        assertThat(event.late()).isFalse();
    }

    @Test
    void invalidJsonIsRejectedWithItsViolations() {
        Route route = router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX).route(Events.notJson(), KAFKA_TIME.toEpochMilli());

        assertThat(route).isInstanceOf(Route.Reject.class);
        assertThat(((Route.Reject) route).violations()).isNotEmpty()
                .first().extracting(Violation::reason).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void anEventMissingSeveralRequiredFieldsIsRejectedWithOneViolationEach() {
        byte[] value = "{\"event_type\":\"click\",\"page_url\":\"https://a.example/\"}".getBytes(StandardCharsets.UTF_8);

        Route route = router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX).route(value, KAFKA_TIME.toEpochMilli());

        assertThat(route).isInstanceOf(Route.Reject.class);
        assertThat(((Route.Reject) route).violations())
                .extracting(Violation::field)
                .contains(EventFields.USER_ID, EventFields.SESSION_ID, EventFields.TIMESTAMP);
        assertThat(((Route.Reject) route).violations()).allMatch(v -> v.reason() == Reason.MISSING_FIELD);
    }

    @Test
    void aNullValueIsRejectedNotThrown() {
        Route route = router(PartitionTime.EVENT, LateEventTarget.DLQ).route(null, KAFKA_TIME.toEpochMilli());

        assertThat(route).isInstanceOf(Route.Reject.class);
    }

    @Test
    void aValueOverTheSizeLimitIsRejectedUnparsed() {
        var router = new Routing(new RecordRouter(new RecordRouter.Rules(64, PartitionTime.INGESTION, LATE_MAX,
                LateEventTarget.LATE_PREFIX, TIMESTAMP_MIN)));

        Route route = router.route(Events.json(KAFKA_TIME), KAFKA_TIME.toEpochMilli());

        assertThat(((Route.Reject) route).violations().get(0).reason()).isEqualTo(Reason.RECORD_TOO_LARGE);
    }

    @Test
    void theSameRecordIsAlwaysRoutedTheSameWay() {
        var router = router(PartitionTime.EVENT, LateEventTarget.LATE_PREFIX);
        byte[] value = Events.json("id-1", Instant.parse("2026-01-10T00:00:00Z"));

        assertThat(router.route(value, KAFKA_TIME.toEpochMilli())).isEqualTo(router.route(value, KAFKA_TIME.toEpochMilli()));
    }

    @Test
    void routingTheSameRecordTwiceGivesEqualRowsWithEqualHashCodes() {
        var router = router(PartitionTime.EVENT, LateEventTarget.LATE_PREFIX);
        byte[] value = Events.json("id-1", Instant.parse("2026-01-10T00:00:00Z"));

        Route.Row first = row(router.route(value, KAFKA_TIME.toEpochMilli()));
        Route.Row second = row(router.route(value.clone(), KAFKA_TIME.toEpochMilli()));

        assertThat(first.source()).as("read by the fast path").isNotNull();
        assertThat(first).isEqualTo(second);
        assertThat(first.hashCode()).isEqualTo(second.hashCode());
        assertThat(first).isEqualTo(new Route.Row(first.event(), first.ingestedAt(), first.partitionTime(), first.folder()));
        assertThat(first.asLate()).isEqualTo(second.asLate());
    }

    @Test
    void aValueCutByTheDeserializerIsJudgedByItsSizeOnTheBroker() {
        var router = new RecordRouter(new RecordRouter.Rules(64 * 1024, PartitionTime.INGESTION, LATE_MAX,
                LateEventTarget.LATE_PREFIX, TIMESTAMP_MIN));
        byte[] prefix = Events.json(KAFKA_TIME); // a valid event, but only the first bytes of a 20 MB value

        Route route = router.route(Records.within(prefix), 20 << 20, KAFKA_TIME.toEpochMilli());

        Violation violation = ((Route.Reject) route).violations().get(0);
        assertThat(violation.reason()).isEqualTo(Reason.RECORD_TOO_LARGE);
        assertThat(violation.detail()).contains(Integer.toString(20 << 20), "65536");
    }

    @Test
    void aKafkaTimestampBeforeTheMinimumIsRejectedWithItsOwnReason() {
        Route route = router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX)
                .route(Events.json(KAFKA_TIME), Instant.parse("1970-01-01T00:00:01Z").toEpochMilli());

        Violation violation = ((Route.Reject) route).violations().get(0);
        assertThat(violation.reason()).isEqualTo(Reason.KAFKA_TIMESTAMP_TOO_OLD);
        assertThat(violation.field()).isEqualTo(RecordRouter.KAFKA_TIMESTAMP);
        assertThat(violation.detail()).contains("1970-01-01T00:00:01Z", "KAFKA_TIMESTAMP_MIN");
    }

    @Test
    void theTimestampMinimumIsTheSameForEveryPartitionTime() {
        long old = TIMESTAMP_MIN.minusMillis(1).toEpochMilli();

        assertThat(router(PartitionTime.EVENT, LateEventTarget.LATE_PREFIX).route(Events.json(KAFKA_TIME), old))
                .isInstanceOf(Route.Reject.class);
        assertThat(router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX)
                .route(Events.json(KAFKA_TIME), TIMESTAMP_MIN.toEpochMilli())).isInstanceOf(Route.Row.class);
    }

    @Test
    void aRecordWithoutAKafkaTimestampTakesItsEventTimeAndIsNotTooOld() {
        Route route = router(PartitionTime.INGESTION, LateEventTarget.LATE_PREFIX).route(Events.json(KAFKA_TIME), -1);

        assertThat(route).isInstanceOf(Route.Row.class);
    }
}
