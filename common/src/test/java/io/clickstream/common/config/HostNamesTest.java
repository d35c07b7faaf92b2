package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "::", "::1", "[::1]", "localhost", "metrics.internal",
            "consumer-1.example.com", "a"})
    void acceptsAddressesAndHostNames(String text) {
        assertThat(HostNames.isHostOrAddress(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad host", "under_score", "-leading", "trailing-", "http://localhost", "host:9404",
            "a..b", "[::1", "ex\u00e4mple.com"})
    void refusesAnythingElse(String text) {
        assertThat(HostNames.isHostOrAddress(text)).isFalse();
    }
}
