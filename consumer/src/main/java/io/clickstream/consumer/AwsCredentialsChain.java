package io.clickstream.consumer;

import java.util.ArrayList;
import java.util.List;
import io.clickstream.consumer.s3.AssumeRole;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Where the consumer's AWS credentials come from. Static keys from the configuration (session credentials with
 * {@code AWS_SESSION_TOKEN}), or else the SDK's default chain: environment, web identity
 * ({@code AWS_WEB_IDENTITY_TOKEN_FILE} + {@code AWS_ROLE_ARN}, as EKS sets them), the profile (static keys,
 * {@code role_arn}, SSO), container credentials, the instance's role. The web identity, {@code role_arn} and SSO
 * providers live in the SDK's sts, sso and ssooidc modules, which the jar ships. With {@code AWS_ASSUME_ROLE_ARN},
 * whatever was found is the source of an STS AssumeRole, refreshed before it expires.
 */
public final class AwsCredentialsChain implements SdkAutoCloseable {
    private final AwsCredentialsProvider provider;
    private final List<AutoCloseable> resources;

    private AwsCredentialsChain(AwsCredentialsProvider provider, List<AutoCloseable> resources) {
        this.provider = provider;
        this.resources = resources;
    }

    public static AwsCredentialsChain of(ConsumerConfig config, Region region) {
        List<AutoCloseable> resources = new ArrayList<>();
        AwsCredentialsProvider source = source(config);
        if (source instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        if (config.assumeRole() == null) {
            return new AwsCredentialsChain(source, resources);
        }
        // The STS client is regional and takes AWS_ENDPOINT_URL_STS (or the SDK's AWS_ENDPOINT_URL) like any client.
        StsClient sts = StsClient.builder().region(region).credentialsProvider(source)
                .httpClientBuilder(Apache5HttpClient.builder()).build();
        AssumeRole role = config.assumeRole();
        var assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName()).externalId(role.externalId()))
                .build();
        resources.add(0, sts);
        resources.add(0, assumed);
        return new AwsCredentialsChain(assumed, resources);
    }

    /** Static keys from the configuration, or the SDK's default chain. */
    static AwsCredentialsProvider source(ConsumerConfig config) {
        if (config.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        AwsCredentials keys = config.sessionToken() == null
                ? AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())
                : AwsSessionCredentials.create(config.accessKeyId(), config.secretAccessKey(), config.sessionToken());
        return StaticCredentialsProvider.create(keys);
    }

    public AwsCredentialsProvider provider() {
        return provider;
    }

    /** Closes the STS client and the providers' own clients and threads. */
    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do about it
            }
        }
    }
}
