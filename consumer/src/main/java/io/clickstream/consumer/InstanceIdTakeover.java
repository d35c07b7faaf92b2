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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Under the consumer group protocol (KIP-848) a static member that died without leaving ({@code kill -9}, a crashed
 * container) keeps its {@code group.instance.id} until its session expires, and the broker refuses the id to anyone
 * else meanwhile ({@code UnreleasedInstanceIdException}, fatal to the client). A container restarted in place
 * would crash on it and be restarted again and again; instead the start-up waits here, one {@code describeGroups}
 * a second, until no member holds the id. (The classic protocol lets the new member replace the old one at once.)
 */
final class InstanceIdRelease {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private InstanceIdRelease() {
    }

    /** Null when no member of {@code group} holds {@code instanceId}; else who holds it, or why we cannot tell. */
    static String holder(String brokers, KafkaClientProperties clientProperties, String clientId, String group,
            String instanceId) {
        try (Admin admin = ShortLivedAdmin.create(brokers, clientProperties, clientId, TIMEOUT)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return holder(description.members(), instanceId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null; // a new group: nobody holds anything
            }
            return "the group could not be described: " + clientProperties.redact(String.valueOf(e.getCause()));
        } catch (KafkaException e) {
            return "the group could not be described: " + clientProperties.redact(String.valueOf(e));
        } catch (TimeoutException e) {
            return "the group could not be described within " + TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Null when none of {@code members} carries {@code instanceId}; else the one that does, in words. */
    static String holder(Iterable<MemberDescription> members, String instanceId) {
        for (MemberDescription m : members) {
            if (m.groupInstanceId().filter(instanceId::equals).isPresent()) {
                return "instance id " + instanceId + " is still held by member " + m.consumerId() + " (client "
                        + m.clientId() + ", host " + m.host() + "), a consumer that died without leaving or one still "
                        + "running with the same KAFKA_GROUP_INSTANCE_ID; the broker frees it when that member's "
                        + "session expires";
            }
        }
        return null;
    }
}
