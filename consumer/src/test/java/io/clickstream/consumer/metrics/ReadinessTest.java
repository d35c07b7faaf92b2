package io.clickstream.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void writesASmallJsonBody() {
        var readiness = new Readiness(false, true, 3, HealthState.S3.REACHABLE,
                List.of(new Readiness.Backoff("clickstream-2", 412)));

        assertThat(readiness.toJson()).isEqualTo("{\"ready\":false,\"assigned\":3,\"standby\":false,\"joined\":true,"
                + "\"s3\":\"reachable\",\"backoff\":[{\"partition\":\"clickstream-2\",\"seconds\":412}]}");
    }

    @Test
    void aMemberWithoutPartitionsIsAStandbyAndANonMemberIsNot() {
        assertThat(new Readiness(true, true, 0, HealthState.S3.REACHABLE, List.of()).toJson())
                .isEqualTo("{\"ready\":true,\"assigned\":0,\"standby\":true,\"joined\":true,\"s3\":\"reachable\",\"backoff\":[]}");
        assertThat(new Readiness(false, false, 0, HealthState.S3.UNKNOWN, List.of()).standby()).isFalse();
    }
}
