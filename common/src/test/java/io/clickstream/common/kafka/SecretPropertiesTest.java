package io.clickstream.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "ssl.keystore.password", "ssl.key.password", "ssl.truststore.password",
        "ssl.keystore.key", "some.plugin.client.secret", "listener.name.x.sasl.jaas.config"})
    void passwordsKeysAndJaasLinesAreSecret(String property) {
        assertThat(SecretProperties.isSecret(property)).isTrue();
        assertThat(SecretProperties.shown(property, "v")).isEqualTo("[hidden]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"security.protocol", "sasl.mechanism", "ssl.truststore.location", "client.id",
        "sasl.client.callback.handler.class"})
    void settingsThatAreNotSecretAreShown(String property) {
        assertThat(SecretProperties.isSecret(property)).isFalse();
        assertThat(SecretProperties.shown(property, "v")).isEqualTo("v");
    }

    @Test
    void aJaasLinesSecretOptionsAreRedactedAloneTooButNotItsUserName() {
        List<String> secrets = SecretProperties.secretValues(Map.of("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"ABCDEFGH\" password=cflt-s3cret;"));

        assertThat(SecretProperties.redact("invalid password cflt-s3cret for user ABCDEFGH", secrets))
                .isEqualTo("invalid password [hidden] for user ABCDEFGH");
    }

    @Test
    void valuesTooShortToSearchForAreLeftAlone() {
        List<String> secrets = SecretProperties.secretValues(Map.of("ssl.key.password", "abc"));

        assertThat(secrets).isEmpty();
        assertThat(SecretProperties.redact("abc", secrets)).isEqualTo("abc");
    }
}
