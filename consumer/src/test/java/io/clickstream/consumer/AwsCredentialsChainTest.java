package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Which provider the consumer builds; resolving credentials from STS is in the sandbox's AwsIdentityIT. */
class AwsCredentialsChainTest {

    private static ConsumerConfig config(String... keysAndValues) {
        var env = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        return ConsumerConfig.fromEnvironment(env);
    }

    @Test
    void staticKeysWithATokenAreSessionCredentials() {
        var config = config("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

        try (var chain = AwsCredentialsChain.of(config, Region.US_EAST_1)) {
            assertThat(chain.provider().resolveCredentials()).isInstanceOfSatisfying(AwsSessionCredentials.class, c -> {
                assertThat(c.accessKeyId()).isEqualTo("ASIAEXAMPLE");
                assertThat(c.sessionToken()).isEqualTo("token");
            });
        }
    }

    @Test
    void staticKeysWithoutATokenAreLongTermCredentials() {
        var config = config("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");

        try (var chain = AwsCredentialsChain.of(config, Region.US_EAST_1)) {
            assertThat(chain.provider().resolveCredentials()).isExactlyInstanceOf(AwsBasicCredentials.class);
        }
    }

    @Test
    void withoutKeysTheSdksDefaultChainLooks() {
        assertThat(AwsCredentialsChain.source(config())).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void anAssumedRoleWrapsWhateverWasFound() {
        var config = config("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_ASSUME_ROLE_ARN", "arn:aws:iam::123456789012:role/writer");

        try (var chain = AwsCredentialsChain.of(config, Region.EU_WEST_1)) {
            assertThat(chain.provider()).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        }
    }
}
