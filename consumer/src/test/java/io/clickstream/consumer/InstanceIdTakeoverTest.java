package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

class InstanceIdTakeoverTest {

    private static MemberDescription member(String id, String instanceId) {
        return new MemberDescription(id, Optional.ofNullable(instanceId), Optional.empty(), "client-" + id, "/10.0.0.1",
                new MemberAssignment(Set.of()), Optional.empty(), Optional.of(3), Optional.of(false));
    }

    @Test
    void anIdNoMemberCarriesIsFree() {
        assertThat(InstanceIdTakeover.holder(List.of(member("m1", "other"), member("m2", null)), "chaos-3")).isNull();
        assertThat(InstanceIdTakeover.holder(List.of(), "chaos-3")).isNull();
    }

    @Test
    void anIdAMemberCarriesNamesThatMemberItsClientAndHost() {
        String holder = InstanceIdTakeover.holder(List.of(member("m1", "other"), member("m2", "chaos-3")), "chaos-3");
        assertThat(holder).contains("instance id chaos-3 was held by member m2", "client client-m2",
                "host /10.0.0.1", "KAFKA_GROUP_INSTANCE_ID");
    }
}
