package io.clickstream.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaAuthFailureLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final KafkaAuthFailureLogFilter filter = new KafkaAuthFailureLogFilter();

    private FilterReply decide(String logger, String format, Throwable t, Object... params) {
        return filter.decide(null, context.getLogger(logger), Level.ERROR, format, params, t);
    }

    @Test
    void kafkasOwnLinesForARefusedAuthenticationAreDropped() {
        assertThat(decide("org.apache.kafka.clients.NetworkClient",
                "{}Connection to node {} ({}) failed authentication due to: {}", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.admin.internals.AdminMetadataManager",
                "{}Fatal error during metadata update", new SslAuthenticationException("SSL handshake failed")))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.admin.internals.AdminMetadataManager",
                "{}Fatal error during metadata update", null, "[AdminClient] ", new SaslAuthenticationException("bad")))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void everythingElsePasses() {
        assertThat(decide("org.apache.kafka.clients.NetworkClient", "{}Connection to node {} ({}) could not be established.",
                null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.apache.kafka.clients.admin.internals.AdminMetadataManager",
                "{}Fatal error during metadata update", new TimeoutException("t"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.clickstream.consumer.ConsumerMain", "cannot start: failed authentication due to {}", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
