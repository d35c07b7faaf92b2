package io.clickstream.consumer.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.common.json.EventDecoder;
import io.clickstream.consumer.ConsumerConfig.LateEventTarget;
import io.clickstream.consumer.ConsumerConfig.PartitionTime;
import io.clickstream.consumer.route.RecordRouter.Route;
import io.clickstream.consumer.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParallelRouterTest {
    private static final Instant KAFKA_TIME = Instant.parse("2026-01-19T12:00:00.250Z");
    private static final RecordRouter ROUTER = new RecordRouter(new EventDecoder(4096), PartitionTime.EVENT,
            Duration.ofHours(24), LateEventTarget.DLQ);

    /** Valid, invalid, late and oversized records mixed, each with its own Kafka timestamp. */
    private static List<ConsumerRecord<byte[], byte[]>> records(int count) {
        var records = new ArrayList<ConsumerRecord<byte[], byte[]>>(count);
        for (int i = 0; i < count; i++) {
            byte[] value = switch (i % 5) {
                case 0 -> "{not json".getBytes(StandardCharsets.UTF_8);
                case 1 -> Events.json(KAFKA_TIME.minus(Duration.ofDays(3)));
                case 2 -> new byte[5000];
                default -> Events.json(KAFKA_TIME.minusSeconds(i));
            };
            records.add(new ConsumerRecord<>("t", i % 3, i, KAFKA_TIME.toEpochMilli() + i, null, 0, 0, null, value,
                    new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()));
        }
        return records;
    }

    @ParameterizedTest(name = "{0} records on {1} threads")
    @CsvSource({"0,2", "1,2", "255,2", "256,2", "257,2", "3000,1", "3000,2", "3000,4", "10000,3"})
    void routesEveryRecordAsTheSequentialRouterWouldInTheRecordsOrder(int count, int threads) {
        List<ConsumerRecord<byte[], byte[]>> records = records(count);
        try (var parallel = new ParallelRouter(ROUTER, threads)) {
            Route[] routes = parallel.routeAll(records);

            assertThat(routes).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(routes[i]).as("record %d", i)
                        .isEqualTo(ROUTER.route(records.get(i).value(), records.get(i).timestamp()));
            }
        }
    }

    @Test
    void aRouterIsReusableAcrossPolls() {
        try (var parallel = new ParallelRouter(ROUTER, 2)) {
            for (int poll = 0; poll < 20; poll++) {
                List<ConsumerRecord<byte[], byte[]>> records = records(1000 + poll);
                assertThat(parallel.routeAll(records)).doesNotContainNull().hasSize(1000 + poll);
            }
        }
    }

    @Test
    void atLeastOneThreadIsNeeded() {
        assertThatThrownBy(() -> new ParallelRouter(ROUTER, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }
}
