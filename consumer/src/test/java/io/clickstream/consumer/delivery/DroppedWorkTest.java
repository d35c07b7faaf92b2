package io.clickstream.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.consumer.testing.RecordingConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DroppedWorkTest {
    private static final TopicPartition P0 = new TopicPartition("clickstream", 0);
    private static final TopicPartition P1 = new TopicPartition("clickstream", 1);

    private final DroppedWork dropped = new DroppedWork();
    private final RecordingConsumer kafka = new RecordingConsumer();

    @Test
    void dropsAreNotCommittedUntilACommitPassesThem() {
        dropped.dropped(P0, new Held(10, 20), "commit refused");
        dropped.dropped(P1, new Held(5, 7), "partition lost");

        assertThat(dropped.notCommitted(kafka, Duration.ofSeconds(1))).extracting(Object::toString).containsExactly(
                "clickstream-0 offsets 10..19 (commit refused)", "clickstream-1 offsets 5..6 (partition lost)");
    }

    @Test
    void theConsumersOwnCommitPastADropSettlesIt() {
        dropped.dropped(P0, new Held(10, 20), "commit refused");

        dropped.committed(P0, 19);
        assertThat(dropped.notCommitted(kafka, Duration.ofSeconds(1))).hasSize(1);
        dropped.committed(P0, 20);
        assertThat(dropped.notCommitted(kafka, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theGroupsCommitByAnotherMemberSettlesItToo() {
        dropped.dropped(P0, new Held(10, 20), "revoked");
        dropped.dropped(P1, new Held(0, 5), "revoked");
        kafka.assign(List.of(P0, P1));
        kafka.commitSync(Map.of(P0, new OffsetAndMetadata(25)), Duration.ofSeconds(1));

        assertThat(dropped.notCommitted(kafka, Duration.ofSeconds(1))).extracting(DroppedWork.Range::partition)
                .containsExactly(P1);
    }

    @Test
    void nothingHeldIsNothingDropped() {
        dropped.dropped(P0, null, "lost");

        assertThat(dropped.notCommitted(kafka, Duration.ofSeconds(1))).isEmpty();
    }
}
