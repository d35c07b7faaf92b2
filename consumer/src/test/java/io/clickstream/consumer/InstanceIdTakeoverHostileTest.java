package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.kafka.KafkaClientProperties;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/** Hostile cases for {@link InstanceIdTakeover} that need no broker. */
class InstanceIdTakeoverHostileTest {

    private static MemberDescription member(String id, String instanceId) {
        return new MemberDescription(id, Optional.ofNullable(instanceId), Optional.empty(), "client-" + id, "/127.0.0.1",
                new MemberAssignment(Set.of()), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Instance ids are compared exactly: another case, a prefix or a longer id is another id. */
    @Test
    void onlyTheExactSameIdIsAHolder() {
        var members = List.of(member("m1", "Chaos-3"), member("m2", "chaos-30"), member("m3", "chaos-"),
                member("m4", " chaos-3"));
        assertThat(InstanceIdTakeover.holder(members, "chaos-3")).isNull();
        assertThat(InstanceIdTakeover.holder(List.of(member("m5", "chaos-3"), member("m6", "chaos-3")), "chaos-3"))
                .contains("member m5");
    }

    /**
     * A broker address where nothing answers (a port with no listener): claim gives the start-up a reason to retry
     * within its own timeout (5 s per request) and throws nothing.
     */
    @Test
    void aBrokerThatDoesNotAnswerGivesAReasonToRetryAndThrowsNothing() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        String reason = InstanceIdTakeover.claim("127.0.0.1:" + port, KafkaClientProperties.none(), "hostile-test",
                "group", "chaos-3");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reason).isNotNull().startsWith("the group");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }
}
