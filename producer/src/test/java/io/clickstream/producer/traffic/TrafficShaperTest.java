package io.clickstream.producer.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.json.EventJsonWriter;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrafficShaperTest {
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    private final ClickstreamGenerator generator =
            new ClickstreamGenerator(SimulationSettings.DEFAULTS, 3, Instant.parse("2026-01-19T10:00:00Z"));
    private final List<ClickEvent> generated = new ArrayList<>();
    private final EventDecoder decoder = new EventDecoder(1 << 20);

    private TrafficShaper shaper(Imperfections imperfections) {
        return new TrafficShaper(() -> {
            ClickEvent event = generator.next();
            generated.add(event);
            return event;
        }, imperfections, 3);
    }

    private static List<OutgoingRecord> take(TrafficShaper shaper, int count) {
        var records = new ArrayList<OutgoingRecord>(count);
        for (int i = 0; i < count; i++) {
            records.add(shaper.next(Long.MAX_VALUE));
        }
        return records;
    }

    private ClickEvent decode(OutgoingRecord record) {
        DecodeResult result = decoder.decode(record.value());
        assertThat(result).as(new String(record.value(), StandardCharsets.UTF_8)).isInstanceOf(DecodeResult.Valid.class);
        return ((DecodeResult.Valid) result).event();
    }

    @Test
    void withoutImperfectionsEveryRecordIsTheNextEventAsJsonKeyedBySession() {
        List<OutgoingRecord> records = take(shaper(Imperfections.NONE), 5_000);
        for (int i = 0; i < records.size(); i++) {
            OutgoingRecord record = records.get(i);
            assertThat(record.kind()).isEqualTo(RecordKind.VALID);
            assertThat(record.value()).isEqualTo(EventJsonWriter.write(generated.get(i)));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(generated.get(i).sessionId());
        }
    }

    @Test
    void theConsumersDecoderRejectsEveryInvalidRecordWithTheReasonOfItsKind() {
        TrafficShaper shaper = shaper(new Imperfections(1.0, 0, 0, 0));
        var seen = new EnumMap<InvalidKind, Integer>(InvalidKind.class);
        for (OutgoingRecord record : take(shaper, 5_000)) {
            assertThat(record.kind()).isEqualTo(RecordKind.INVALID);
            DecodeResult result = decoder.decode(record.value());
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(result).as(json).isInstanceOf(DecodeResult.Invalid.class);
            assertThat(((DecodeResult.Invalid) result).primary().reason()).as(json)
                    .isEqualTo(record.invalidKind().expectedReason());
            seen.merge(record.invalidKind(), 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys(InvalidKind.values());
        assertThat(shaper.counts().invalidByKind()).isEqualTo(Map.of(
                InvalidKind.MALFORMED_JSON, (long) seen.get(InvalidKind.MALFORMED_JSON),
                InvalidKind.MISSING_FIELD, (long) seen.get(InvalidKind.MISSING_FIELD),
                InvalidKind.WRONG_TYPE, (long) seen.get(InvalidKind.WRONG_TYPE),
                InvalidKind.UNPARSEABLE_TIMESTAMP, (long) seen.get(InvalidKind.UNPARSEABLE_TIMESTAMP),
                InvalidKind.UNKNOWN_EVENT_TYPE, (long) seen.get(InvalidKind.UNKNOWN_EVENT_TYPE)));
    }

    @Test
    void lateEventsAreAMinuteToSixHoursBehindTheirRealTime() {
        TrafficShaper shaper = shaper(new Imperfections(0, 1.0, 0, 0));
        List<OutgoingRecord> records = take(shaper, 5_000);
        long minutes = 0;
        long hours = 0;
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).kind()).isEqualTo(RecordKind.LATE);
            ClickEvent late = decode(records.get(i));
            ClickEvent original = generated.get(i);
            Duration behind = Duration.between(late.timestamp(), original.timestamp());
            assertThat(behind).isBetween(Duration.ofMinutes(1), Duration.ofHours(6));
            assertThat(late.withTimestamp(original.timestamp())).isEqualTo(original);
            if (behind.compareTo(Duration.ofMinutes(10)) < 0) {
                minutes++;
            } else if (behind.compareTo(Duration.ofHours(1)) > 0) {
                hours++;
            }
        }
        assertThat(minutes).as("some only minutes late").isPositive();
        assertThat(hours).as("some hours late").isPositive();
    }

    @Test
    void outOfOrderEventsArriveAfterEventsThatHappenedLater() {
        TrafficShaper shaper = shaper(new Imperfections(0, 0, 0.2, 0));
        Instant latestSent = Instant.MIN;
        int outOfOrder = 0;
        for (OutgoingRecord record : take(shaper, 10_000)) {
            ClickEvent event = decode(record);
            if (record.kind() == RecordKind.OUT_OF_ORDER) {
                outOfOrder++;
                assertThat(event.timestamp()).isBefore(latestSent);
            } else {
                assertThat(event.timestamp()).isAfterOrEqualTo(latestSent);
            }
            latestSent = event.timestamp().isAfter(latestSent) ? event.timestamp() : latestSent;
        }
        assertThat((double) outOfOrder / 10_000).isCloseTo(0.2, within(0.02));
    }

    @Test
    void aDuplicateRepeatsAnEarlierRecordByteForByteAfterItsOriginal() {
        TrafficShaper shaper = shaper(new Imperfections(0, 0.1, 0.1, 0.1));
        Set<String> sentBefore = new HashSet<>();
        Map<String, Integer> copies = new HashMap<>();
        int duplicates = 0;
        for (OutgoingRecord record : take(shaper, 20_000)) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (record.kind() == RecordKind.DUPLICATE) {
                duplicates++;
                assertThat(sentBefore.contains(value)).as("the original went first").isTrue();
            }
            sentBefore.add(value);
            Matcher eventId = EVENT_ID.matcher(value);
            assertThat(eventId.find()).isTrue();
            copies.merge(eventId.group(1), 1, Integer::sum);
        }
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
        assertThat(copies.values().stream().filter(n -> n == 2).count()).isEqualTo(duplicates);
        // a tenth of the events get a second copy: duplicates / originals ~ 0.1
        assertThat((double) duplicates / (20_000 - duplicates)).isCloseTo(0.1, within(0.01));
    }

    @Test
    void theRatiosAreSharesOfTheRecords() {
        TrafficShaper shaper = shaper(new Imperfections(0.05, 0.10, 0.15, 0));
        int records = 50_000;
        take(shaper, records);
        TrafficCounts counts = shaper.counts();
        assertThat(counts.total()).isEqualTo(records);
        assertThat((double) counts.invalid() / records).isCloseTo(0.05, within(0.005));
        assertThat((double) counts.late() / records).isCloseTo(0.10, within(0.006));
        assertThat((double) counts.outOfOrder() / records).isCloseTo(0.15, within(0.008));
        assertThat((double) counts.valid() / records).isCloseTo(0.70, within(0.008));
    }

    @Test
    void aBoundedRunSendsEveryHeldBackRecordWithinItsCount() {
        TrafficShaper shaper = shaper(new Imperfections(0, 0, 0.5, 0.3));
        int total = 1_000;
        for (int i = 0; i < total; i++) {
            shaper.next(total - i);
        }
        assertThat(shaper.drain()).isEmpty();
        assertThat(shaper.counts().total()).isEqualTo(total);
    }

    @Test
    void onStopTheHeldBackRecordsAreDrainedAndCounted() {
        TrafficShaper shaper = shaper(new Imperfections(0, 0, 1.0, 0));
        take(shaper, 100);
        List<OutgoingRecord> rest = shaper.drain();
        assertThat(rest).isNotEmpty().allSatisfy(r -> assertThat(r.kind()).isEqualTo(RecordKind.OUT_OF_ORDER));
        assertThat(shaper.counts().outOfOrder()).isEqualTo(100 + rest.size());
        assertThat(shaper.counts().total()).isEqualTo(generated.size());
    }

    @Test
    void invalidLateAndOutOfOrderRatiosCannotAddUpToMoreThanOne() {
        assertThatThrownBy(() -> new Imperfections(0.5, 0.4, 0.2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Imperfections(0, 0, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
