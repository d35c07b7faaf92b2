package io.clickstream.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Kafka client properties that {@code KAFKA_CLIENT_CONFIG} and {@code KAFKA_CLIENT_<NAME>} may not set,
 * one row per property, for both apps. Two kinds of rows:
 * <ul>
 *   <li>a named setting of the app sets the property: that setting is the one place to change it (the row
 *       applies to the apps that have the setting, so the consumer's dead-letter producer still takes a
 *       {@code compression.type}, which only the producer app names);</li>
 *   <li>a guarantee depends on the property's value: it cannot be changed at all, in either app.</li>
 * </ul>
 * A new named setting that sets a client property adds one row here.
 */
public final class ReservedKafkaProperties {

    /** Why a property is reserved. */
    public sealed interface Rule {
        String property();
    }

    /** The app sets {@code property} from its setting {@code variable}. */
    public record NamedSetting(String property, String variable) implements Rule {
    }

    /** The app's delivery guarantees depend on {@code property}; {@code why} says how. */
    public record Guarantee(String property, String why) implements Rule {
    }

    /** The table. */
    public static final List<Rule> RULES = List.of(
            named("bootstrap.servers", "KAFKA_BROKER"),
            named("group.id", "KAFKA_GROUP_ID"),
            named("session.timeout.ms", "KAFKA_SESSION_TIMEOUT"),
            // derived from the session timeout: a third of it, at most 3 s
            named("heartbeat.interval.ms", "KAFKA_SESSION_TIMEOUT"),
            named("compression.type", "PRODUCER_COMPRESSION"),
            named("linger.ms", "PRODUCER_LINGER_MS"),
            named("batch.size", "PRODUCER_BATCH_SIZE"),
            named("delivery.timeout.ms", "PRODUCER_DELIVERY_TIMEOUT"),
            // derived from the delivery timeout (Kafka requires delivery >= linger + request timeout)
            named("request.timeout.ms", "PRODUCER_DELIVERY_TIMEOUT"),
            named("max.block.ms", "PRODUCER_DELIVERY_TIMEOUT"),
            named("group.instance.id", "KAFKA_GROUP_INSTANCE_ID"),
            named("group.protocol", "KAFKA_GROUP_PROTOCOL"),
            guarantee("enable.auto.commit", "offsets are committed by the sink, only after the files holding the "
                    + "records are uploaded"),
            guarantee("isolation.level", "the lake must never hold records of aborted transactions (read_committed)"),
            guarantee("auto.offset.reset", "a new group starts at the earliest offset: any other start would leave "
                    + "records out of the lake without a trace"),
            guarantee("partition.assignment.strategy", "the sink's rebalance handling (flush and commit the revoked "
                    + "partitions only) is built on the cooperative-sticky assignor"),
            guarantee("acks", "a record counts as delivered only once every in-sync replica has it (acks=all)"),
            guarantee("enable.idempotence", "a retried send must never write a record twice"),
            guarantee("transactional.id", "the producers are idempotent, not transactional: a transactional id "
                    + "without transactions fails every send"),
            guarantee("key.deserializer", "records are read as raw bytes"),
            guarantee("value.deserializer", "records are read as raw bytes"),
            guarantee("key.serializer", "records are written as raw bytes"),
            guarantee("value.serializer", "records are written as raw bytes"));

    private static final Map<String, Rule> BY_PROPERTY =
            RULES.stream().collect(Collectors.toUnmodifiableMap(Rule::property, Function.identity()));

    private ReservedKafkaProperties() {
    }

    /**
     * The rule that refuses {@code property} in an app whose settings are {@code appVariables}, if any.
     */
    public static Optional<Rule> refusing(String property, Set<String> appVariables) {
        Rule rule = BY_PROPERTY.get(property);
        if (rule instanceof NamedSetting named && !appVariables.contains(named.variable())) {
            return Optional.empty();
        }
        return Optional.ofNullable(rule);
    }

    /** The message's text after the name of the variable that tried to set the property. */
    public static String explain(Rule rule, String flagOfVariable) {
        if (rule instanceof NamedSetting named) {
            return "sets " + named.property() + ", which " + named.variable()
                    + (flagOfVariable == null ? "" : " (" + flagOfVariable + ")") + " controls: set " + named.variable()
                    + " instead";
        }
        var guarantee = (Guarantee) rule;
        return guarantee.property() + " cannot be overridden: " + guarantee.why();
    }

    private static Rule named(String property, String variable) {
        return new NamedSetting(property, variable);
    }

    private static Rule guarantee(String property, String why) {
        return new Guarantee(property, why);
    }
}
