package io.clickstream.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.SecureListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The export lines `sandbox up --secure` prints are read back by a shell as the values they stand for. */
class UpCommandTest {

    @Test
    void plainValuesStayBareAndAJaasLineIsQuotedSoThatBashReadsItBack() throws Exception {
        String jaas = SecureListener.jaas("clickstream", "pa'ss\"word");

        assertThat(UpCommand.shellQuoted("SASL_SSL")).isEqualTo("SASL_SSL");
        assertThat(UpCommand.shellQuoted("/tmp/kafka-1/tls/ca.pem")).isEqualTo("/tmp/kafka-1/tls/ca.pem");
        assertThat(UpCommand.shellQuoted(jaas)).startsWith("'");
        assertThat(bashEcho("export V=" + UpCommand.shellQuoted(jaas) + "; printf %s \"$V\"")).isEqualTo(jaas);
    }

    @Test
    void theSecureListenersClientSettingsNameTheirVariablesAsTheAppsReadThem() {
        var listener = new SecureListener("127.0.0.1:9093", "clickstream", "secret-pw", Path.of("/tmp/ca.pem"));

        assertThat(listener.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/tmp/ca.pem");
        assertThat(listener.toString()).doesNotContain("secret-pw");
    }

    private static String bashEcho(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
