package io.clickstream.consumer.hours;

import static io.clickstream.consumer.hours.Lineage.TOPIC;
import static io.clickstream.consumer.hours.Lineage.key;
import static io.clickstream.consumer.hours.Lineage.lineage;
import static io.clickstream.consumer.hours.Lineage.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class HourManifestTest {
    private static final Instant H05 = Instant.parse("2026-12-04T05:00:00Z");
    private static final String FOLDER = "lake/year=2026/month=12/day=04/hour=05/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> keys(List<LakeObject> objects) {
        return objects.stream().map(LakeObject::key).toList();
    }

    @Test
    void aFileIsCommittedWhenItsLastOffsetIsBelowItsPartitionsCommittedOffset() throws Exception {
        var committedFile = object(FOLDER, 0, 0, 99);
        var uncommitted = object(FOLDER, 0, 100, 120); // last offset == committed offset: not committed
        var straddling = object(FOLDER, 1, 40, 55);
        var noCommit = object(FOLDER, 2, 0, 5);
        var committed = Map.of(0, 100L, 1, 50L);

        HourManifest manifest = HourManifest.build(TOPIC, H05, List.of(committedFile, uncommitted, straddling, noCommit), committed);

        assertThat(keys(manifest.files())).containsExactly(committedFile.key());
        assertThat(keys(manifest.orphans())).containsExactly(uncommitted.key(), straddling.key(), noCommit.key());
        assertThat(manifest.topic()).isEqualTo(TOPIC);
        assertThat(manifest.hour()).isEqualTo(H05);
    }

    @Test
    void theCommittedOffsetIsExclusive() throws Exception {
        var justBelow = object(FOLDER, 0, 10, 19);

        assertThat(HourManifest.build(TOPIC, H05, List.of(justBelow), Map.of(0, 20L)).files()).hasSize(1);
        assertThat(HourManifest.build(TOPIC, H05, List.of(justBelow), Map.of(0, 19L)).orphans()).hasSize(1);
    }

    @Test
    void otherTopicsObjectsAreNeitherFilesNorOrphans() throws Exception {
        var mine = object(FOLDER, 0, 0, 9);
        var other = new LakeObject(key(FOLDER, "clickstream-eu", 0, 0), 10,
                lineage("clickstream-eu", 0, 0, 9, 10, null, null));
        var otherUncommitted = new LakeObject(key(FOLDER, "orders", 3, 50), 10, lineage("orders", 3, 50, 60, 11, null, null));

        HourManifest manifest = HourManifest.build(TOPIC, H05, List.of(other, mine, otherUncommitted), Map.of(0, 10L));

        assertThat(keys(manifest.files())).containsExactly(mine.key());
        assertThat(manifest.orphans()).isEmpty();
    }

    @Test
    void anObjectWithoutLineageIsNamedAsForeignAndNotCounted() throws Exception {
        var mine = object(FOLDER, 0, 0, 9);
        var foreign = new LakeObject(FOLDER + "uploaded-by-hand.parquet", 10, Map.of("owner", "someone"));

        HourManifest manifest = HourManifest.build(TOPIC, H05, List.of(mine, foreign), Map.of(0, 10L));

        assertThat(manifest.files()).containsExactly(mine);
        assertThat(manifest.foreign()).containsExactly(FOLDER + "uploaded-by-hand.parquet");
        assertThat(manifest.toJson()).contains("\"foreign\" : [ \"" + FOLDER + "uploaded-by-hand.parquet\" ]");
    }

    @Test
    void anObjectWithBrokenLineageIsForeign() throws Exception {
        var lastBeforeFirst = new LakeObject(FOLDER + "a.parquet", 10, lineage(0, 10, 9));
        var noRows = new LakeObject(FOLDER + "b.parquet", 10, withoutKey(lineage(0, 0, 9), LakeObject.ROWS));
        var badPartition = new LakeObject(FOLDER + "c.parquet", 10, with(lineage(0, 0, 9), LakeObject.PARTITION, "zero"));
        var noTopic = new LakeObject(FOLDER + "d.parquet", 10, withoutKey(lineage(0, 0, 9), LakeObject.TOPIC));

        for (LakeObject broken : List.of(lastBeforeFirst, noRows, badPartition, noTopic)) {
            assertThat(HourManifest.build(TOPIC, H05, List.of(broken), Map.of(0, 100L)).foreign()).as(broken.key())
                    .containsExactly(broken.key());
        }
    }

    private static Map<String, String> withoutKey(Map<String, String> metadata, String key) {
        var copy = new HashMap<>(metadata);
        copy.remove(key);
        return copy;
    }

    private static Map<String, String> with(Map<String, String> metadata, String key, String value) {
        var copy = new HashMap<>(metadata);
        copy.put(key, value);
        return copy;
    }

    @Test
    void overlappingCommittedFilesOfOnePartitionAreInconsistent() {
        var a = object(FOLDER, 0, 0, 49);
        var b = new LakeObject(FOLDER + "replayed.parquet", 10, lineage(0, 49, 60));

        assertThatThrownBy(() -> HourManifest.build(TOPIC, H05, List.of(b, a), Map.of(0, 100L)))
                .isInstanceOf(HourManifest.Inconsistent.class)
                .hasMessageContaining("partition 0")
                .hasMessageContaining(a.key())
                .hasMessageContaining(FOLDER + "replayed.parquet")
                .hasMessageContaining("0..49")
                .hasMessageContaining("49..60");
    }

    @Test
    void theSameOffsetsInDifferentPartitionsOrOverlappingOrphansAreFine() throws Exception {
        var p0 = object(FOLDER, 0, 0, 49);
        var p1 = object(FOLDER, 1, 0, 49);
        var orphanA = object(FOLDER, 0, 60, 80);
        var orphanB = new LakeObject(FOLDER + "orphan-b.parquet", 10, lineage(0, 70, 90));

        HourManifest manifest = HourManifest.build(TOPIC, H05, List.of(orphanB, p1, orphanA, p0), Map.of(0, 50L, 1, 50L));

        assertThat(keys(manifest.files())).containsExactly(p0.key(), p1.key());
        assertThat(keys(manifest.orphans())).containsExactly(orphanA.key(), orphanB.key());
    }

    @Test
    void filesAreSortedByPartitionThenFirstOffsetWhateverTheInputOrder() throws Exception {
        var objects = new ArrayList<LakeObject>();
        var committed = new HashMap<Integer, Long>();
        for (int p = 0; p < 4; p++) {
            for (long first = 0; first < 50; first += 10) {
                objects.add(object(FOLDER, p, first, first + 9));
            }
            committed.put(p, 40L); // the last file of each partition is an orphan
        }
        var random = new Random(1);
        for (int run = 0; run < 50; run++) {
            var shuffled = new ArrayList<>(objects);
            Collections.shuffle(shuffled, random);

            HourManifest manifest = HourManifest.build(TOPIC, H05, shuffled, committed);

            assertThat(manifest.files()).hasSize(16)
                    .isSortedAccordingTo((x, y) -> x.partition() != y.partition()
                            ? Integer.compare(x.partition(), y.partition())
                            : Long.compare(x.firstOffset(), y.firstOffset()));
            assertThat(manifest.orphans()).extracting(LakeObject::partition).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void theManifestsJsonIsTheSameWhateverTheListingOrder() throws Exception {
        var objects = new ArrayList<LakeObject>();
        for (int p = 0; p < 3; p++) {
            for (long first = 0; first < 30; first += 10) {
                objects.add(new LakeObject(key(FOLDER, TOPIC, p, first), 100 * p + first,
                        lineage(TOPIC, p, first, first + 9, 10, "2026-12-04T05:0" + p + ":00Z", "2026-12-04T05:5" + p + ":00Z")));
            }
        }
        var committed = Map.of(0, 30L, 1, 20L, 2, 25L);
        String expected = HourManifest.build(TOPIC, H05, objects, committed).toJson();
        var random = new Random(2);
        for (int run = 0; run < 30; run++) {
            var shuffled = new ArrayList<>(objects);
            Collections.shuffle(shuffled, random);
            assertThat(HourManifest.build(TOPIC, H05, shuffled, committed).toJson()).isEqualTo(expected);
        }
    }

    @Test
    void theJsonCarriesEachFileAndTheRightTotals() throws Exception {
        var a = new LakeObject(key(FOLDER, TOPIC, 1, 100), 2_000,
                lineage(TOPIC, 1, 100, 149, 50, "2026-12-04T05:10:00Z", "2026-12-04T05:40:00Z"));
        var b = new LakeObject(key(FOLDER, TOPIC, 0, 7), 3_000,
                lineage(TOPIC, 0, 7, 26, 20, "2026-12-04T04:59:59.123Z", "2026-12-04T05:20:00Z"));
        var c = new LakeObject(key(FOLDER, TOPIC, 1, 150), 500,
                lineage(TOPIC, 1, 150, 159, 10, null, null));
        var orphan = new LakeObject(key(FOLDER, TOPIC, 1, 300), 9_999,
                lineage(TOPIC, 1, 300, 399, 100, "2026-12-04T03:00:00Z", "2026-12-04T06:00:00Z"));

        String json = HourManifest.build(TOPIC, H05, List.of(orphan, c, a, b), Map.of(0, 27L, 1, 160L)).toJson();
        JsonNode root = JSON.readTree(json);

        assertThat(json).endsWith("\n");
        assertThat(root.get("topic").asText()).isEqualTo(TOPIC);
        assertThat(root.get("hour").asText()).isEqualTo("2026-12-04T05:00:00Z");
        JsonNode totals = root.get("totals");
        assertThat(totals.get("files").asLong()).isEqualTo(3);
        assertThat(totals.get("rows").asLong()).isEqualTo(80);
        assertThat(totals.get("bytes").asLong()).isEqualTo(5_500);
        assertThat(totals.get("partitions").asLong()).isEqualTo(2);
        assertThat(totals.get("min_event_time").asText()).as("the orphan does not count").isEqualTo("2026-12-04T04:59:59.123Z");
        assertThat(totals.get("max_event_time").asText()).isEqualTo("2026-12-04T05:40:00Z");

        List<JsonNode> files = StreamSupport.stream(root.get("files").spliterator(), false).toList();
        assertThat(files).extracting(f -> f.get("key").asText()).containsExactly(b.key(), a.key(), c.key());
        assertThat(files).extracting(f -> f.get("kafka_partition").asInt()).containsExactly(0, 1, 1);
        assertThat(files).extracting(f -> f.get("first_offset").asLong()).containsExactly(7L, 100L, 150L);
        assertThat(files).extracting(f -> f.get("last_offset").asLong()).containsExactly(26L, 149L, 159L);
        assertThat(files).extracting(f -> f.get("rows").asLong()).containsExactly(20L, 50L, 10L);
        assertThat(files).extracting(f -> f.get("bytes").asLong()).containsExactly(3_000L, 2_000L, 500L);
        assertThat(files.get(0).get("min_event_time").asText()).isEqualTo("2026-12-04T04:59:59.123Z");
        assertThat(files.get(2).has("min_event_time")).as("none known").isFalse();
        assertThat(files.get(2).has("max_event_time")).isFalse();

        JsonNode orphans = root.get("orphans");
        assertThat(orphans).hasSize(1);
        assertThat(orphans.get(0).get("key").asText()).isEqualTo(orphan.key());
        assertThat(orphans.get(0).get("rows").asLong()).isEqualTo(100);
    }

    @Test
    void anHourWithoutCommittedFilesHasZeroTotalsAndNoEventTimes() throws Exception {
        HourManifest manifest = HourManifest.build(TOPIC, H05, List.of(object(FOLDER, 0, 5, 9)), Map.of());
        JsonNode totals = JSON.readTree(manifest.toJson()).get("totals");

        assertThat(manifest.rows()).isZero();
        assertThat(manifest.bytes()).isZero();
        assertThat(totals.get("files").asLong()).isZero();
        assertThat(totals.get("rows").asLong()).isZero();
        assertThat(totals.has("min_event_time")).isFalse();
        assertThat(totals.has("max_event_time")).isFalse();
    }

    @Test
    void rowsAndBytesSumTheCommittedFilesOnly() throws Exception {
        var random = new Random(8);
        for (int run = 0; run < 200; run++) {
            var objects = new ArrayList<LakeObject>();
            long rows = 0;
            long bytes = 0;
            long next = 0;
            long committedOffset = random.nextInt(500);
            for (int i = 0; i < 10; i++) {
                long n = 1 + random.nextInt(50);
                long size = random.nextInt(1_000_000);
                objects.add(new LakeObject(key(FOLDER, TOPIC, 0, next), size, lineage(TOPIC, 0, next, next + n - 1, n, null, null)));
                if (next + n - 1 < committedOffset) {
                    rows += n;
                    bytes += size;
                }
                next += n;
            }
            HourManifest manifest = HourManifest.build(TOPIC, H05, objects, Map.of(0, committedOffset));
            JsonNode totals = JSON.readTree(manifest.toJson()).get("totals");

            assertThat(manifest.rows()).isEqualTo(rows);
            assertThat(manifest.bytes()).isEqualTo(bytes);
            assertThat(totals.get("rows").asLong()).isEqualTo(rows);
            assertThat(totals.get("bytes").asLong()).isEqualTo(bytes);
            assertThat(manifest.files().size() + manifest.orphans().size()).isEqualTo(10);
        }
    }

    /**
     * Event times are compared as strings, but {@code Instant.toString()} (what the uploader writes) omits a zero
     * fraction: {@code 05:00:00Z} sorts after {@code 05:00:00.500Z}, though it is earlier.
     */
    @Test
    void theMaximumEventTimeIsTheLatestInstantEvenWhenOnlyOneHasAFraction() throws Exception {
        var whole = new LakeObject(key(FOLDER, TOPIC, 0, 0), 10,
                lineage(TOPIC, 0, 0, 9, 10, "2026-12-04T05:00:00Z", "2026-12-04T05:30:00Z"));
        var fraction = new LakeObject(key(FOLDER, TOPIC, 0, 10), 10,
                lineage(TOPIC, 0, 10, 19, 10, "2026-12-04T05:00:00.500Z", "2026-12-04T05:30:00.500Z"));

        JsonNode totals = JSON.readTree(HourManifest.build(TOPIC, H05, List.of(whole, fraction), Map.of(0, 20L)).toJson())
                .get("totals");

        assertThat(totals.get("min_event_time").asText()).isEqualTo("2026-12-04T05:00:00Z");
        assertThat(totals.get("max_event_time").asText()).isEqualTo("2026-12-04T05:30:00.500Z");
    }
}
