package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsRegionChainTest {
    private static final URI LOCALSTACK = URI.create("http://localstack:4566");
    private final AtomicInteger sdkAsked = new AtomicInteger();

    private Supplier<Optional<Region>> sdkChain(Region answer) {
        return () -> {
            sdkAsked.incrementAndGet();
            return Optional.ofNullable(answer);
        };
    }

    @Test
    void aConfiguredRegionIsUsedWithoutAskingTheSdk() {
        assertThat(AwsRegionChain.resolve("eu-west-1", null, Optional::empty, sdkChain(Region.US_WEST_2)))
                .contains(Region.EU_WEST_1);
        assertThat(sdkAsked).hasValue(0);
    }

    @Test
    void againstAwsTheSdksChainDecides() {
        assertThat(AwsRegionChain.resolve(null, null, () -> Optional.of(Region.AP_SOUTH_1), sdkChain(Region.US_WEST_2)))
                .contains(Region.US_WEST_2);
        assertThat(AwsRegionChain.resolve(null, URI.create("https://s3.eu-west-1.amazonaws.com"), Optional::empty,
                sdkChain(Region.EU_WEST_1))).contains(Region.EU_WEST_1);
    }

    @Test
    void againstAwsNoRegionIsNeverGuessed() {
        assertThat(AwsRegionChain.resolve(null, null, Optional::empty, sdkChain(null))).isEmpty();
    }

    @Test
    void aLocalS3TakesTheProfilesRegionThenUsEast1AndNeverAsksTheInstanceMetadata() {
        assertThat(AwsRegionChain.resolve(null, LOCALSTACK, () -> Optional.of(Region.EU_CENTRAL_1), sdkChain(Region.US_WEST_2)))
                .contains(Region.EU_CENTRAL_1);
        assertThat(AwsRegionChain.resolve(null, URI.create("http://127.0.0.1:9000"), Optional::empty, sdkChain(Region.US_WEST_2)))
                .contains(Region.US_EAST_1);
        assertThat(sdkAsked).hasValue(0);
    }

    @Test
    void awsEndpointsAreToldFromS3CompatibleOnes() {
        assertThat(AwsRegionChain.isAws(URI.create("https://bucket.vpce-1a2b.s3.us-east-1.vpce.amazonaws.com"))).isTrue();
        assertThat(AwsRegionChain.isAws(URI.create("https://s3.cn-north-1.amazonaws.com.cn"))).isTrue();
        assertThat(AwsRegionChain.isAws(URI.create("https://s3.dualstack.eu-west-1.api.aws"))).isTrue();
        assertThat(AwsRegionChain.isAws(URI.create("http://minio.internal:9000"))).isFalse();
        assertThat(AwsRegionChain.isAws(URI.create("http://amazonaws.com.example.org"))).isFalse();
    }
}
