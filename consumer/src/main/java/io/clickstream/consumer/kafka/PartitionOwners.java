package io.clickstream.consumer.kafka;

import java.util.Set;

/** Which of the topic's partitions the group's members own, as the group's coordinator says. */
@FunctionalInterface
public interface PartitionOwners {

    /**
     * The partitions among {@code 0..partitionCount-1} that no member of the group owns; null while the group
     * rebalances (the rebalance hands out whatever is free). Called off the poll thread.
     *
     * @throws Exception when the coordinator cannot be asked
     */
    Set<Integer> unowned(int partitionCount) throws Exception;
}
