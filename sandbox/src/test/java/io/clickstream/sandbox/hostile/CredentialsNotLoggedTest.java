package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clickstream.common.config.ConfigException;
import io.clickstream.common.config.ConfigReader;
import io.clickstream.consumer.ConsumerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Configuration errors and the configuration's own text name the secret's variable, never its value. */
class CredentialsNotLoggedTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void aSecretWithoutItsAccessKeyIsReportedByNameOnly() {
        Map<String, String> env = minimal();
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.fromEnvironment(env));

        assertThat(e.problems()).singleElement().asString().startsWith("AWS_ACCESS_KEY_ID").contains("AWS_SECRET_ACCESS_KEY");
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void anAccessKeyWithoutItsSecretNamesTheSecretVariable() {
        Map<String, String> env = minimal();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConsumerConfig.fromEnvironment(env));

        assertThat(e.problems()).singleElement().asString().startsWith("AWS_SECRET_ACCESS_KEY");
    }

    /** Every other problem is still reported in full, and none of the lines carries the secret given by flag. */
    @Test
    void otherProblemsNextToASecretFromAFlagNeverQuoteIt() {
        Map<String, String> values = minimal();
        values.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        values.put("AWS_SECRET_ACCESS_KEY", SECRET);
        values.put("BATCH_MAX_AGE", "forever");
        values.put("METRICS_PORT", "99999");
        values.put("S3_BUCKET", "Not_A_Bucket");
        values.put("AWS_ENDPOINT_URL", "ftp://localhost");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConsumerConfig.from(values, Set.of("AWS_SECRET_ACCESS_KEY")));

        assertThat(e.problems()).hasSize(4);
        assertThat(String.join("\n", e.problems())).contains("BATCH_MAX_AGE", "METRICS_PORT", "S3_BUCKET", "AWS_ENDPOINT_URL")
                .doesNotContain(SECRET);
    }

    /** The guard below any future rule: a problem reported with the secret's value shows it masked. */
    @Test
    void aProblemWithTheSecretsValueIsMasked() {
        var reader = new ConfigReader(Map.of("AWS_SECRET_ACCESS_KEY", SECRET), Set.of("AWS_SECRET_ACCESS_KEY"));
        reader.problem(ConsumerConfig.AWS_SECRET_ACCESS_KEY, SECRET, "is not accepted");

        assertThat(reader.problems()).containsExactly("--secret-access-key (AWS_SECRET_ACCESS_KEY)=****: is not accepted");
    }

    @Test
    void theConfigurationsTextLeavesTheSecretOut() {
        Map<String, String> env = minimal();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);

        ConsumerConfig config = ConsumerConfig.fromEnvironment(env);

        assertThat(config.secretAccessKey()).isEqualTo(SECRET);
        assertThat(config.toString()).startsWith("ConsumerConfig[").doesNotContain(SECRET);
        assertThat(String.valueOf(config)).doesNotContain(SECRET);
    }

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BROKER", "localhost:9092");
        env.put("S3_BUCKET", "clickstream-bucket");
        env.put("AWS_ENDPOINT_URL", "http://localhost:4566");
        return env;
    }
}
