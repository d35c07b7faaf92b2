package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AdminPartitionOwnersTest {

    private static MemberDescription member(String instanceId, TopicPartition... owned) {
        return new MemberDescription("member-" + instanceId, Optional.of(instanceId), "client-" + instanceId, "/127.0.0.1",
                new MemberAssignment(Set.of(owned)));
    }

    private static ConsumerGroupDescription group(GroupState state, MemberDescription... members) {
        return new ConsumerGroupDescription("g", false, List.of(members), "cooperative-sticky", GroupType.CLASSIC, state,
                Node.noNode(), Set.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void aStableGroupsUnownedPartitionsAreThoseOfTheTopicInNoMembersAssignment() {
        var group = group(GroupState.STABLE,
                member("chaos-3", new TopicPartition("clickstream", 0)),
                member("chaos-5", new TopicPartition("clickstream", 1), new TopicPartition("clickstream", 4)),
                member("chaos-7", new TopicPartition("clickstream", 2), new TopicPartition("clickstream", 5),
                        new TopicPartition("other-topic", 3)),
                member("chaos-6"));
        assertThat(AdminPartitionOwners.unowned(group, "clickstream", 6)).containsExactly(3);
    }

    @Test
    void everyPartitionOwnedIsAnEmptySet() {
        var group = group(GroupState.STABLE, member("a", new TopicPartition("clickstream", 0)),
                member("b", new TopicPartition("clickstream", 1)));
        assertThat(AdminPartitionOwners.unowned(group, "clickstream", 2)).isEmpty();
    }

    @Test
    void aGroupThatIsNotStableIsNotJudged() {
        for (GroupState state : List.of(GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE,
                GroupState.EMPTY, GroupState.DEAD)) {
            assertThat(AdminPartitionOwners.unowned(group(state, member("a")), "clickstream", 2)).as("%s", state).isNull();
        }
    }
}
