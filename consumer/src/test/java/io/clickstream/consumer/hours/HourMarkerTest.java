package io.clickstream.consumer.hours;

import static io.clickstream.consumer.hours.Lineage.TOPIC;
import static io.clickstream.consumer.hours.Lineage.key;
import static io.clickstream.consumer.hours.Lineage.lineage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HourMarkerTest {
    static final String BUCKET = "lake-bucket";
    private static final Instant H05 = Instant.parse("2026-12-04T05:00:00Z");
    private static final String FOLDER = "lake/year=2026/month=12/day=04/hour=05/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryS3 s3 = new InMemoryS3(BUCKET);

    private HourMarker marker(boolean deleteOrphans) {
        return new HourMarker(s3, BUCKET, new ObjectKeyLayout("lake"), TOPIC, deleteOrphans);
    }

    /** A file of the topic in {@code folder}, offsets {@code first..last}. */
    private String file(String folder, int partition, long first, long last) {
        String key = key(folder, TOPIC, partition, first);
        s3.preload(key, 100 + first, lineage(partition, first, last));
        return key;
    }

    private static List<String> keys(JsonNode array) {
        var keys = new ArrayList<String>();
        array.forEach(node -> keys.add(node.get("key").asText()));
        return keys;
    }

    @Test
    void theFolderIsTheHoursOnTimeFolder() {
        assertThat(marker(false).folder(H05)).isEqualTo(FOLDER);
    }

    @Test
    void marksACompleteHourWithTheManifestFirstThenSuccess() throws Exception {
        String a = file(FOLDER, 0, 0, 9);
        String b = file(FOLDER, 1, 20, 29);
        String orphan = file(FOLDER, 1, 30, 39);

        HourMarker.Result result = marker(false).mark(H05, Map.of(0, 10L, 1, 30L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        assertThat(result.hour()).isEqualTo(H05);
        assertThat(result.problem()).isNull();
        assertThat(s3.puts()).containsExactly(FOLDER + "_manifest.json", FOLDER + "_SUCCESS");
        assertThat(s3.deletes()).isEmpty();
        assertThat(s3.body(FOLDER + "_SUCCESS")).isEmpty();
        assertThat(s3.contentType(FOLDER + "_manifest.json")).isEqualTo("application/json");
        assertThat(s3.body(FOLDER + "_manifest.json")).isEqualTo(result.manifest().toJson());
        JsonNode manifest = JSON.readTree(s3.body(FOLDER + "_manifest.json"));
        assertThat(keys(manifest.get("files"))).containsExactly(a, b);
        assertThat(keys(manifest.get("orphans"))).containsExactly(orphan);
        assertThat(manifest.get("totals").get("rows").asLong()).isEqualTo(20);
        assertThat(manifest.get("totals").get("bytes").asLong()).isEqualTo(100 + 120);
        assertThat(s3.exists(orphan)).as("listed, not deleted").isTrue();
    }

    @Test
    void anHourAlreadyMarkedIsLeftAsItIs() {
        file(FOLDER, 0, 0, 9);
        s3.preload(FOLDER + "_SUCCESS", 0, Map.of());

        HourMarker.Result result = marker(true).mark(H05, Map.of(0, 5L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.ALREADY_MARKED);
        assertThat(result.manifest()).isNull();
        assertThat(s3.puts()).isEmpty();
        assertThat(s3.deletes()).as("not even the orphan").isEmpty();
        assertThat(s3.lists()).as("not even listed").isZero();
    }

    @Test
    void markingTwiceWritesOnce() {
        file(FOLDER, 0, 0, 9);
        HourMarker marker = marker(false);

        assertThat(marker.mark(H05, Map.of(0, 10L)).outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        assertThat(marker.mark(H05, Map.of(0, 10L)).outcome()).isEqualTo(HourMarker.Outcome.ALREADY_MARKED);
        assertThat(s3.puts()).hasSize(2);
    }

    @Test
    void aFolderWithoutFilesOfTheTopicIsEmptyAndGetsNoMarkers() {
        s3.preload(key(FOLDER, "orders", 0, 0), 10, lineage("orders", 0, 0, 9, 10, null, null));
        s3.preload("lake/year=2026/month=12/day=04/hour=06/" + "x.parquet", 10, lineage(0, 0, 9));

        HourMarker.Result result = marker(false).mark(H05, Map.of(0, 100L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.EMPTY);
        assertThat(s3.puts()).isEmpty();
        assertThat(s3.exists(FOLDER + "_SUCCESS")).isFalse();
    }

    @Test
    void aFolderThatDoesNotExistIsEmpty() {
        HourMarker.Result result = marker(false).mark(H05, Map.of(0, 100L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.EMPTY);
        assertThat(s3.puts()).isEmpty();
    }

    @Test
    void aFolderOfOnlyUncommittedFilesGetsNoMarkersAndKeepsThem() {
        String orphan = file(FOLDER, 0, 50, 59);

        HourMarker.Result result = marker(true).mark(H05, Map.of(0, 50L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.EMPTY);
        assertThat(s3.puts()).isEmpty();
        assertThat(s3.deletes()).isEmpty();
        assertThat(s3.exists(orphan)).isTrue();
    }

    @Test
    void overlappingCommittedFilesAreInconsistentAndGetNoMarkers() {
        String a = file(FOLDER, 0, 0, 9);
        String b = FOLDER + "20261204T050500000Z-clickstream-0-00000000000000000005.parquet";
        s3.preload(b, 10, lineage(0, 5, 14));

        HourMarker.Result result = marker(true).mark(H05, Map.of(0, 20L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.INCONSISTENT);
        assertThat(result.problem()).contains("partition 0", a, b);
        assertThat(result.manifest()).isNull();
        assertThat(s3.puts()).isEmpty();
        assertThat(s3.deletes()).isEmpty();
    }

    @Test
    void anObjectWithoutLineageIsNamedAsForeignNeitherCountedNorDeletedAndTheHourIsMarked() {
        file(FOLDER, 0, 0, 9);
        s3.preload(FOLDER + "by-hand.parquet", 10, Map.of());

        HourMarker.Result result = marker(true).mark(H05, Map.of(0, 20L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        assertThat(result.manifest().foreign()).containsExactly(FOLDER + "by-hand.parquet");
        assertThat(result.manifest().files()).hasSize(1);
        assertThat(s3.deletes()).isEmpty();
    }

    @Test
    void withDeleteOrphansTheOrphansAreDeletedAndNotListed() throws Exception {
        String kept = file(FOLDER, 0, 0, 9);
        String orphan0 = file(FOLDER, 0, 10, 19);
        String orphan2 = file(FOLDER, 2, 0, 3);
        String otherTopic = key(FOLDER, "orders", 0, 50);
        s3.preload(otherTopic, 10, lineage("orders", 0, 50, 60, 11, null, null));

        HourMarker.Result result = marker(true).mark(H05, Map.of(0, 10L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        assertThat(s3.deletes()).containsExactly(orphan0, orphan2);
        assertThat(s3.exists(orphan0)).isFalse();
        assertThat(s3.exists(orphan2)).isFalse();
        assertThat(s3.exists(kept)).isTrue();
        assertThat(s3.exists(otherTopic)).as("another topic's file is not this topic's orphan").isTrue();
        assertThat(result.manifest().orphans()).isEmpty();
        JsonNode manifest = JSON.readTree(s3.body(FOLDER + "_manifest.json"));
        assertThat(keys(manifest.get("files"))).containsExactly(kept);
        assertThat(manifest.get("orphans")).isEmpty();
        assertThat(s3.puts()).containsExactly(FOLDER + "_manifest.json", FOLDER + "_SUCCESS");
    }

    @Test
    void objectsInSubFoldersAndOtherFilesAreIgnored() throws Exception {
        String kept = file(FOLDER, 0, 0, 9);
        // would overlap, or carry no lineage, were they read
        s3.preload(FOLDER + "compacted/part-0.parquet", 10, lineage(0, 0, 9));
        s3.preload(FOLDER + "tmp/by-hand.parquet", 10, Map.of());
        s3.preload(FOLDER + "README.txt", 10, Map.of());
        s3.preload(FOLDER + "old_manifest.json", 10, Map.of());
        s3.preload("lake/late/year=2026/month=12/day=04/hour=05/late.parquet", 10, lineage(0, 3, 4));

        HourMarker.Result result = marker(false).mark(H05, Map.of(0, 10L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        JsonNode manifest = JSON.readTree(s3.body(FOLDER + "_manifest.json"));
        assertThat(keys(manifest.get("files"))).containsExactly(kept);
        assertThat(manifest.get("orphans")).isEmpty();
    }

    @Test
    void aFolderListedOverManyPagesIsReadWhole() throws Exception {
        s3.pageSize(2);
        var expected = new ArrayList<String>();
        for (long first = 0; first < 70; first += 10) {
            expected.add(file(FOLDER, 0, first, first + 9));
        }

        HourMarker.Result result = marker(false).mark(H05, Map.of(0, 70L));

        assertThat(result.outcome()).isEqualTo(HourMarker.Outcome.MARKED);
        assertThat(s3.lists()).isGreaterThan(1);
        assertThat(keys(JSON.readTree(s3.body(FOLDER + "_manifest.json")).get("files"))).containsExactlyElementsOf(expected);
    }
}
