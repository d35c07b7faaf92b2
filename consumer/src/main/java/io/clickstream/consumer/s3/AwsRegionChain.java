package io.clickstream.consumer.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The consumer's region, in this order: {@code --region}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} (read
 * into the configuration), then the SDK's own chain (the profile's {@code region}, the instance metadata). With an
 * {@code AWS_ENDPOINT_URL} that is not AWS (LocalStack, MinIO, S3Proxy) the instance metadata is not asked (there
 * is none on a laptop, and asking costs seconds of timeouts): the profile, then {@code us-east-1}, which
 * S3-compatible servers accept. Against AWS no region is ever guessed: a request signed for the wrong region fails.
 */
public final class AwsRegionChain {

    private AwsRegionChain() {
    }

    /**
     * @param configured from the configuration, or {@code null}
     * @param profile the profile's region (file only)
     * @param sdkChain the SDK's whole chain (system property, environment, profile, instance metadata)
     */
    public static Optional<Region> resolve(String configured, URI endpoint, Supplier<Optional<Region>> profile,
            Supplier<Optional<Region>> sdkChain) {
        if (configured != null) {
            return Optional.of(Region.of(configured));
        }
        if (endpoint != null && !isAws(endpoint)) {
            return Optional.of(profile.get().orElse(Region.US_EAST_1));
        }
        return sdkChain.get();
    }

    /** The region of the real environment: the configured one, then the SDK's providers. */
    public static Optional<Region> resolve(String configured, URI endpoint) {
        return resolve(configured, endpoint, () -> ask(new AwsProfileRegionProvider()),
                () -> ask(DefaultAwsRegionProviderChain.builder().build()));
    }

    /** An endpoint of AWS itself (a FIPS, dual-stack or VPC endpoint too), not an S3-compatible server. */
    static boolean isAws(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn") || host.endsWith(".api.aws");
    }

    private static Optional<Region> ask(AwsRegionProvider provider) {
        try {
            return Optional.ofNullable(provider.getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }
}
