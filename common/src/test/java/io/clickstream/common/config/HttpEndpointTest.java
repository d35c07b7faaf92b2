package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpEndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:4566", "https://s3.eu-west-1.amazonaws.com", "http://127.0.0.1:9000/",
            "HTTP://LOCALHOST:1", "http://[::1]:65535", "https://minio.internal:443/s3", "http://localhost"})
    void acceptsAnAbsoluteHttpUrlWithAHostAndAPortInRange(String text) {
        assertThat(HttpEndpoint.check(text)).isEqualTo(new HttpEndpoint.Result.Valid(URI.create(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:99999|port 99999 is out of range 1-65535",
            "http://localhost:65536|port 65536 is out of range 1-65535",
            "http://localhost:0|port 0 is out of range 1-65535",
            "ftp://localhost:21|must be an http(s) URL with a host",
            "localhost:4566|must be an http(s) URL with a host",
            "http://|is not a URL",
            "http://bad_host:4566|must be an http(s) URL with a host",
            "http://localhost:4566:1|must be an http(s) URL with a host",
            "http://localhost:99999999999|must be an http(s) URL with a host",
            "http://[::1:4566|is not a URL",
            "http://bad host|is not a URL",
            "/just/a/path|must be an http(s) URL with a host",
            "http://admin:hunter2@localhost:4566|must not hold credentials",
            "http://localhost:4566?region=x|must not have a query",
            "http://localhost:4566/#top|must not have a query"})
    void refusesWhatAnHttpClientWouldRefuseLaterWithoutRepeatingTheValue(String text, String problem) {
        HttpEndpoint.Result result = HttpEndpoint.check(text);

        assertThat(result).isInstanceOf(HttpEndpoint.Result.Invalid.class);
        assertThat(((HttpEndpoint.Result.Invalid) result).problem()).startsWith(problem).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource({"http://admin:hunter2@localhost:4566, http://****@localhost:4566",
            "https://key@s3.example.com/path@x, https://****@s3.example.com/path@x",
            "http://localhost:4566, http://localhost:4566"})
    void redactsTheCredentialsOfAUrlForMessages(String text, String shown) {
        assertThat(HttpEndpoint.redacted(text)).isEqualTo(shown);
    }
}
