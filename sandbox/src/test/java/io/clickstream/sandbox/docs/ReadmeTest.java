package io.clickstream.sandbox.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.config.Setting;
import io.clickstream.consumer.ConsumerConfig;
import io.clickstream.producer.ProducerConfig;
import io.clickstream.sandbox.lake.LakeSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README is part of the interface: its configuration tables and test command must match the code. */
class ReadmeTest {
    private static final Path ROOT = Path.of("..");

    static String table(List<Setting> settings) {
        var sb = new StringBuilder("| variable | flag | default | meaning |\n| --- | --- | --- | --- |\n");
        for (Setting s : settings) {
            sb.append("| `").append(s.env()).append("` | `").append(s.flag()).append("` | ")
                    .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void consumerConfigurationTableMatchesTheCode() throws IOException {
        String expected = table(ConsumerConfig.SETTINGS);
        assertThat(readme()).as("README consumer table; expected:%n%s", expected).contains(expected);
    }

    @Test
    void producerConfigurationTableMatchesTheCode() throws IOException {
        String expected = table(ProducerConfig.SETTINGS);
        assertThat(readme()).as("README producer table; expected:%n%s", expected).contains(expected);
    }

    @Test
    void theSessionizationQueriesAreTheOnesSandboxSessionsRuns() throws IOException {
        String source = "read_parquet('lake/clickstream-bucket/clickstream/**/*.parquet', hive_partitioning = true)";
        assertThat(readme()).contains(LakeSessions.sessionsSql(source)).contains(LakeSessions.perHourSql(source));
    }

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        assertThat(ci).contains("exec mvn -B verify");
        assertThat(readme()).contains("mvn -B verify");
    }
}
