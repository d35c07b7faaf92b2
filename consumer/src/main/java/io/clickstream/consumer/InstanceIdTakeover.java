package io.clickstream.consumer;

import io.clickstream.common.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under the consumer group protocol (KIP-848) a static member that died without leaving ({@code kill -9}, a crashed
 * container) keeps its {@code group.instance.id} until its session expires, and the broker refuses the id to anyone
 * else meanwhile ({@code UnreleasedInstanceIdException}, fatal to the client). The classic protocol instead lets the
 * newest member with an id replace the old one at once and fences the old one. This gives the consumer protocol the
 * same rule: before the consumer subscribes, the start-up removes whichever member holds its id from the group (the
 * Admin API's LeaveGroup by instance id), so a container restarted in place takes its partitions back within a
 * heartbeat or two instead of after a session. A member so removed that is still alive (a frozen process, or a
 * second consumer given the same {@code KAFKA_GROUP_INSTANCE_ID} by mistake) is fenced at its next heartbeat, as
 * under classic; its late uploads are refused by the conditional writes.
 */
final class InstanceIdTakeover {
    private static final Logger log = LoggerFactory.getLogger(InstanceIdTakeover.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private InstanceIdTakeover() {
    }

    /**
     * Null once no member of {@code group} holds {@code instanceId} (nobody did, or the holder was removed); else why
     * that could not be made so, for the start-up to retry.
     */
    static String claim(String brokers, KafkaClientProperties clientProperties, String clientId, String group,
            String instanceId) {
        try (Admin admin = ShortLivedAdmin.create(brokers, clientProperties, clientId, TIMEOUT)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            String holder = holder(description.members(), instanceId);
            if (holder == null) {
                return null;
            }
            remove(admin, group, instanceId);
            log.info("{}; removed it from group {} so that this consumer takes its place (as the classic protocol "
                    + "does): a live holder is fenced", holder, group);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null; // a new group: nobody holds anything
            }
            if (e.getCause() instanceof UnknownMemberIdException) {
                return null; // the holder left (or its session ended) between the two requests
            }
            return "the group could not be described or its member removed: "
                    + clientProperties.redact(String.valueOf(e.getCause()));
        } catch (KafkaException e) {
            return "the group could not be described or its member removed: "
                    + clientProperties.redact(String.valueOf(e));
        } catch (TimeoutException e) {
            return "the group did not answer within " + TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void remove(Admin admin, String group, String instanceId)
            throws ExecutionException, InterruptedException, TimeoutException {
        var options = new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(instanceId)));
        options.reason("clickstream consumer restarted with KAFKA_GROUP_INSTANCE_ID " + instanceId);
        admin.removeMembersFromConsumerGroup(group, options).all().get(TIMEOUT.toMillis() + 1000,
                TimeUnit.MILLISECONDS);
    }

    /** Null when none of {@code members} carries {@code instanceId}; else the one that does, in words. */
    static String holder(Iterable<MemberDescription> members, String instanceId) {
        for (MemberDescription m : members) {
            if (m.groupInstanceId().filter(instanceId::equals).isPresent()) {
                return "instance id " + instanceId + " was held by member " + m.consumerId() + " (client "
                        + m.clientId() + ", host " + m.host() + "), a consumer that died without leaving or one still "
                        + "running with the same KAFKA_GROUP_INSTANCE_ID";
            }
        }
        return null;
    }
}
