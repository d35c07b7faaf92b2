package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcSamplerTest {
    private static final long MIB = 1 << 20;

    @Test
    void thePeakIsTheLargestRssOrHighWaterMarkOfAnySample() {
        var sampler = new ProcSampler(-1);

        sampler.add(new ProcStatus(100 * MIB, 120 * MIB, Duration.ofSeconds(1)));
        sampler.add(new ProcStatus(300 * MIB, 280 * MIB, Duration.ofSeconds(2)));
        sampler.add(new ProcStatus(200 * MIB, 300 * MIB, Duration.ofSeconds(3)));

        assertThat(sampler.peakRssBytes()).isEqualTo(300 * MIB);
        assertThat(sampler.last().cpu()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aSampleAfterTheExitKeepsTheLastLiveStatus() {
        var sampler = new ProcSampler(-1);
        sampler.add(new ProcStatus(50 * MIB, 60 * MIB, Duration.ofMillis(700)));

        sampler.add(ProcStatus.GONE);

        assertThat(sampler.peakRssBytes()).isEqualTo(60 * MIB);
        assertThat(sampler.last().cpu()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aProcessNeverSeenAliveHasNoPeak() {
        var sampler = new ProcSampler(-1);

        sampler.add(ProcStatus.GONE);

        assertThat(sampler.peakRssBytes()).isEqualTo(-1);
        assertThat(sampler.last()).isEqualTo(ProcStatus.GONE);
    }
}
