package io.clickstream.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaAuthFailuresTest {

    @Test
    void anUntrustedCertificateIsNamedWithTheReasonFromTheBottomOfTheChainAndTheFix() {
        var pkix = new SSLHandshakeException("PKIX path building failed: unable to find valid certification path to requested target");
        var error = new ExecutionException(new SslAuthenticationException("SSL handshake failed", pkix));

        assertThat(KafkaAuthFailures.explain(error)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("the broker's TLS certificate is not trusted (PKIX path building failed")
                .contains("ssl.truststore.location").doesNotContain("\n"));
    }

    @Test
    void refusedSaslCredentialsSaySoWithKafkasReason() {
        var error = new KafkaException("wrapped", new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));

        assertThat(KafkaAuthFailures.explain(error)).contains("the broker refused the SASL credentials: Authentication failed "
                + "during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (check sasl.mechanism and sasl.jaas.config)");
    }

    @Test
    void aHandshakeFailureOfAnotherKindPointsAtTheProtocol() {
        var error = new SslAuthenticationException("SSL handshake failed", new SSLHandshakeException("Remote host terminated the handshake"));

        assertThat(KafkaAuthFailures.explain(error)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("TLS handshake with the broker failed: Remote host terminated the handshake").contains("security.protocol"));
    }

    @Test
    void otherFailuresAreNotAuthenticationFailures() {
        assertThat(KafkaAuthFailures.explain(new TimeoutException("Timed out waiting for a node assignment"))).isEmpty();
    }
}
