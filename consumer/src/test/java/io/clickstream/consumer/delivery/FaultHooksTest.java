package io.clickstream.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.consumer.generation.ClosedGeneration;
import io.clickstream.consumer.generation.SealedFile;
import io.clickstream.consumer.layout.FileStart;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing only: no test here may reach the point where a hook halts the JVM. */
class FaultHooksTest {
    private static final TopicPartition TP = new TopicPartition("clickstream", 0);

    private static ClosedGeneration generation(int files) {
        var sealed = new ArrayList<SealedFile>();
        Instant hour = Instant.parse("2026-01-19T10:00:00Z");
        for (int i = 0; i < files; i++) {
            var start = new FileStart(TP, i, hour.plusSeconds(3600L * i), false);
            sealed.add(new SealedFile(start, "k" + i, Path.of("f" + i), 1, 1, i));
        }
        return new ClosedGeneration(TP, 0, files, sealed, List.of(), 0, 0);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    @Test
    void unsetOrBlankMeansNoHooks() {
        assertThat(FaultHooks.parse(null)).isSameAs(FaultHooks.NONE);
        assertThat(FaultHooks.parse("")).isSameAs(FaultHooks.NONE);
        assertThat(FaultHooks.parse("   ")).isSameAs(FaultHooks.NONE);
    }

    @Test
    void haltAfterUploadDefaultsToTheFirstGeneration() throws Exception {
        FaultHooks hooks = FaultHooks.parse("halt-after-upload");

        assertThat(hooks).isInstanceOf(FaultHooks.Halting.class);
        assertThat(field(hooks, "afterGenerations")).isEqualTo(1);
        assertThat(field(hooks, "during")).isEqualTo(false);
    }

    @Test
    void haltAfterUploadWaitsForTheNthGeneration() throws Exception {
        FaultHooks hooks = FaultHooks.parse("halt-after-upload:3");

        assertThat(field(hooks, "afterGenerations")).isEqualTo(3);
        // Generations 1 and 2 pass; halting inside the upload is not this mode's job.
        hooks.afterUpload(generation(1));
        hooks.betweenFiles(generation(2), 0);
        hooks.betweenFiles(generation(2), 1);
        hooks.afterUpload(generation(2));
    }

    @Test
    void haltDuringUploadIsParsedCaseInsensitivelyWithItsCount() throws Exception {
        FaultHooks hooks = FaultHooks.parse("  HALT-DURING-UPLOAD:2 ");

        assertThat(hooks).isInstanceOf(FaultHooks.Halting.class);
        assertThat(field(hooks, "afterGenerations")).isEqualTo(2);
        assertThat(field(hooks, "during")).isEqualTo(true);
        var first = generation(2);
        hooks.betweenFiles(first, 0);
        hooks.betweenFiles(first, 1);
        hooks.afterUpload(first); // never halts after an upload in this mode
        hooks.afterUpload(generation(1));
    }

    @Test
    void pauseAfterUploadSleepsForTheGivenDurationFromAPartitionsSecondGenerationOn() {
        FaultHooks hooks = FaultHooks.parse("pause-after-upload:60ms");

        assertThat(hooks).isNotInstanceOf(FaultHooks.Halting.class);
        hooks.afterUpload(generation(1)); // the partition's first: a restart's catch-up commits at once
        long start = System.nanoTime();
        hooks.afterUpload(generation(1));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(55);
        hooks.betweenFiles(generation(1), 0); // a no-op in this mode
    }

    @Test
    void pauseAfterUploadDoesNotPauseAPartitionsFirstGenerationInTheProcess() {
        FaultHooks hooks = FaultHooks.parse("pause-after-upload:2s");
        var other = new ClosedGeneration(new TopicPartition("clickstream", 7), 0, 1, List.of(), List.of(), 0, 0);

        long start = System.nanoTime();
        hooks.afterUpload(generation(1));
        hooks.afterUpload(other);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void pauseAfterUploadAcceptsIsoDurations() {
        FaultHooks hooks = FaultHooks.parse("pause-after-upload:PT0.05S");
        hooks.afterUpload(generation(1));
        long start = System.nanoTime();
        hooks.afterUpload(generation(1));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(45);
    }

    @ParameterizedTest
    @ValueSource(strings = {"explode", "halt-before-upload", "pause-after-upload:soon", "pause-after-upload:", "halt"})
    void aBadSpecIsAnIllegalArgumentNamingClickstreamFault(String spec) {
        assertThatThrownBy(() -> FaultHooks.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dclickstream.fault");
    }

    @Test
    void aBadGenerationCountIsAnIllegalArgumentNamingClickstreamFault() {
        for (String spec : List.of("halt-after-upload:x", "halt-during-upload:", "halt-after-upload:0",
                "halt-during-upload:-1")) {
            assertThatThrownBy(() -> FaultHooks.parse(spec))
                    .as(spec)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dclickstream.fault");
        }
    }
}
