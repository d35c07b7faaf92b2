package io.clickstream.consumer.hours;

import static io.clickstream.consumer.hours.Lineage.TOPIC;
import static io.clickstream.consumer.hours.Lineage.key;
import static io.clickstream.consumer.hours.Lineage.lineage;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.layout.ObjectKeyLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HourFinalizerTest {
    private static final String BUCKET = HourMarkerTest.BUCKET;
    private static final ObjectKeyLayout LAYOUT = new ObjectKeyLayout("lake");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant NOW = Instant.parse("2026-12-04T12:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryS3 s3 = new InMemoryS3(BUCKET);
    private final HourMarker marker = new HourMarker(s3, BUCKET, LAYOUT, TOPIC, false);
    private final List<HourFinalizer> finalizers = new ArrayList<>();

    /** Partition 0 has passed 12:20 (first open hour 12h), partition 1 11:15 (first open 11h): hours before 11h are complete. */
    private static final GroupProgress PROGRESS = new GroupProgress(2, Map.of(0, 1_000L, 1, 1_000L),
            Map.of(0, Instant.parse("2026-12-04T12:20:00Z").toEpochMilli(), 1, Instant.parse("2026-12-04T11:15:00Z").toEpochMilli()));

    @AfterEach
    void close() {
        finalizers.forEach(HourFinalizer::close);
    }

    private static Instant hour(int h) {
        return Instant.parse("2026-12-04T00:00:00Z").plus(Duration.ofHours(h));
    }

    private HourFinalizer finalizer(GroupProgress.Source source, Duration lookback) {
        var settings = new HourSettings(true, GRACE, GRACE, Duration.ofSeconds(30), lookback, false, null);
        var finalizer = new HourFinalizer(source, marker, settings, CLOCK, null);
        finalizers.add(finalizer);
        return finalizer;
    }

    /** A committed file of partition {@code p} in hour {@code h}. */
    private void file(int h, int partition, long first) {
        String folder = marker.folder(hour(h));
        s3.preload(key(folder, TOPIC, partition, first), 10, lineage(partition, first, first + 9));
    }

    private boolean marked(int h) {
        return s3.exists(marker.folder(hour(h)) + HourMarker.SUCCESS);
    }

    @Test
    void marksOnlyHoursBeforeTheFirstIncompleteHourWithinTheLookback() throws Exception {
        file(7, 0, 0); // before the lookback
        file(8, 0, 10);
        file(8, 1, 0);
        file(10, 1, 10);
        file(11, 0, 20); // not complete: partition 1 has not passed 11h + grace
        file(12, 0, 30);
        HourFinalizer finalizer = finalizer(() -> PROGRESS, Duration.ofHours(3));

        List<HourMarker.Result> results = finalizer.check();

        assertThat(results).extracting(HourMarker.Result::hour).containsExactly(hour(8), hour(9), hour(10));
        assertThat(results).extracting(HourMarker.Result::outcome).containsExactly(HourMarker.Outcome.MARKED,
                HourMarker.Outcome.EMPTY, HourMarker.Outcome.MARKED);
        assertThat(finalizer.firstIncompleteHour()).isEqualTo(hour(11));
        assertThat(marked(7)).as("outside the lookback").isFalse();
        assertThat(marked(8)).isTrue();
        assertThat(marked(9)).as("nothing to mark").isFalse();
        assertThat(marked(10)).isTrue();
        assertThat(marked(11)).isFalse();
        assertThat(marked(12)).isFalse();
        assertThat(s3.puts()).hasSize(4);
    }

    @Test
    void aSecondCheckDoesNotMarkAgain() throws Exception {
        file(9, 0, 0);
        file(10, 1, 0);
        var reads = new AtomicInteger();
        HourFinalizer finalizer = finalizer(() -> {
            reads.incrementAndGet();
            return PROGRESS;
        }, Duration.ofHours(48));
        finalizer.check();
        List<String> puts = s3.puts();
        int lists = s3.lists();

        List<HourMarker.Result> again = finalizer.check();

        assertThat(puts).hasSize(4);
        assertThat(s3.puts()).isEqualTo(puts);
        assertThat(again).as("every hour before 11h is done").isEmpty();
        assertThat(s3.lists()).as("S3 not even listed").isEqualTo(lists);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSecondFinalizerFindsTheHoursAlreadyMarked() throws Exception {
        file(10, 1, 0);
        finalizer(() -> PROGRESS, Duration.ofHours(2)).check();
        List<String> puts = s3.puts();

        List<HourMarker.Result> results = finalizer(() -> PROGRESS, Duration.ofHours(2)).check();

        assertThat(results).extracting(HourMarker.Result::outcome).containsExactly(HourMarker.Outcome.EMPTY,
                HourMarker.Outcome.ALREADY_MARKED);
        assertThat(s3.puts()).isEqualTo(puts);
    }

    @Test
    void newlyCompleteHoursAreMarkedByALaterCheck() throws Exception {
        file(10, 0, 0);
        file(11, 0, 10);
        var progress = new GroupProgress[] {PROGRESS};
        HourFinalizer finalizer = finalizer(() -> progress[0], Duration.ofHours(1));
        finalizer.check();
        assertThat(marked(11)).isFalse();

        progress[0] = new GroupProgress(2, Map.of(0, 1_000L, 1, 1_000L),
                Map.of(0, PROGRESS.watermarks().get(0), 1, Instant.parse("2026-12-04T12:10:00Z").toEpochMilli()));
        List<HourMarker.Result> results = finalizer.check();

        assertThat(results).extracting(HourMarker.Result::hour).containsExactly(hour(11));
        assertThat(marked(11)).isTrue();
        assertThat(finalizer.firstIncompleteHour()).isEqualTo(hour(12));
    }

    @Test
    void anInconsistentHourIsTriedAgainByTheNextCheck() throws Exception {
        file(9, 0, 0);
        String overlapping = marker.folder(hour(9)) + "replayed.parquet";
        s3.preload(overlapping, 10, lineage(0, 5, 14));
        file(10, 0, 20);
        HourFinalizer finalizer = finalizer(() -> PROGRESS, Duration.ofHours(2));

        assertThat(finalizer.check()).extracting(HourMarker.Result::outcome)
                .containsExactly(HourMarker.Outcome.INCONSISTENT, HourMarker.Outcome.MARKED);
        assertThat(marked(9)).isFalse();

        s3.deleteObject(b -> b.bucket(BUCKET).key(overlapping)); // an operator cleans up
        assertThat(finalizer.check()).extracting(HourMarker.Result::outcome)
                .containsExactly(HourMarker.Outcome.MARKED, HourMarker.Outcome.ALREADY_MARKED);
        assertThat(marked(9)).isTrue();
    }

    @Test
    void aPartitionWithoutAWatermarkMarksNothing() throws Exception {
        file(8, 0, 0);
        var progress = new GroupProgress(2, Map.of(0, 1_000L, 1, 1_000L),
                Map.of(0, Instant.parse("2026-12-04T12:20:00Z").toEpochMilli(), 1, Watermark.NONE));
        HourFinalizer finalizer = finalizer(() -> progress, Duration.ofHours(48));

        assertThat(finalizer.check()).isEmpty();
        assertThat(finalizer.firstIncompleteHour()).isEqualTo(Instant.MIN);
        assertThat(s3.puts()).isEmpty();
        assertThat(s3.lists()).isZero();
    }

    @Test
    void checkQuietlySwallowsAFailingSource() {
        HourFinalizer finalizer = finalizer(() -> {
            throw new IllegalStateException("broker down");
        }, Duration.ofHours(48));

        finalizer.checkQuietly();

        assertThat(s3.puts()).isEmpty();
        assertThat(finalizer.firstIncompleteHour()).isEqualTo(Instant.MIN);
    }

    @Test
    void finalizeRangeMarksTheCompleteHoursAndReportsTheOthers() throws Exception {
        file(2, 0, 0); // far beyond any lookback
        file(9, 1, 0);
        file(11, 0, 10);
        HourFinalizer finalizer = finalizer(() -> PROGRESS, Duration.ofHours(1));
        var notComplete = new ArrayList<Instant>();

        List<HourMarker.Result> results = finalizer.finalizeRange(hour(2), hour(12), notComplete);

        assertThat(results).extracting(HourMarker.Result::hour)
                .containsExactly(hour(2), hour(3), hour(4), hour(5), hour(6), hour(7), hour(8), hour(9), hour(10));
        assertThat(results).filteredOn(r -> r.outcome() == HourMarker.Outcome.MARKED).extracting(HourMarker.Result::hour)
                .containsExactly(hour(2), hour(9));
        assertThat(notComplete).containsExactly(hour(11), hour(12));
        assertThat(marked(2)).isTrue();
        assertThat(marked(9)).isTrue();
        assertThat(marked(11)).isFalse();
    }

    @Test
    void finalizeRangeOfOnlyIncompleteHoursMarksNothing() throws Exception {
        file(11, 0, 10);
        var progress = new GroupProgress(2, Map.of(0, 1_000L), Map.of(0, NOW.toEpochMilli()));
        var notComplete = new ArrayList<Instant>();

        List<HourMarker.Result> results = finalizer(() -> progress, Duration.ofHours(48))
                .finalizeRange(hour(10), hour(11), notComplete);

        assertThat(results).isEmpty();
        assertThat(notComplete).containsExactly(hour(10), hour(11));
        assertThat(s3.puts()).isEmpty();
    }

    /**
     * {@code HOUR_LOOKBACK} accepts any duration of an hour or more (e.g. 90m), but the check steps from
     * {@code firstIncomplete - lookback}, which is then not an hour start.
     */
    @Test
    void aLookbackOfPartHoursStillChecksWholeHours() throws Exception {
        file(9, 0, 0);
        file(10, 0, 10);
        HourFinalizer finalizer = finalizer(() -> PROGRESS, Duration.ofMinutes(90));

        List<HourMarker.Result> results = finalizer.check();

        assertThat(results).extracting(HourMarker.Result::hour).allSatisfy(h -> assertThat(h.getEpochSecond() % 3600).isZero());
        assertThat(results).filteredOn(r -> r.manifest() != null).extracting(r -> r.manifest().hour())
                .allSatisfy(h -> assertThat(h.getEpochSecond() % 3600).isZero());
    }
}
