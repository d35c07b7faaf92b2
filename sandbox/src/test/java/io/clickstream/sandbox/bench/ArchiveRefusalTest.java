package io.clickstream.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ChildConsumer#refusesArchive}: the lines a JVM prints when it starts without the archive or cache it was given. */
class ArchiveRefusalTest {
    @Test
    void javaSeventeenRefusingItsDynamicArchiveIsSeen() {
        assertThat(ChildConsumer.refusesArchive("[0.064s][warning][cds,dynamic] Unable to use shared archive. The top archive "
                + "failed to load: /work/scratch/bj/main2.jsa")).isTrue();
    }

    @Test
    void javaTwentyFiveRefusingItsAotCacheIsSeen() {
        // What Java 25.0.3 printed for a cache made with --enable-native-access and a start without it.
        assertThat(ChildConsumer.refusesArchive("[0.063s][error][aot] Unable to map shared spaces")).isTrue();
    }

    @Test
    void otherJvmAndConsumerLinesAreNot() {
        assertThat(ChildConsumer.refusesArchive("[0.006s][info][aot] Opened AOT cache /app/clickstream-consumer.aot.")).isFalse();
        assertThat(ChildConsumer.refusesArchive("[0.060s][error][aot] Mismatched values for property "
                + "jdk.module.enable.native.access")).isFalse();
        assertThat(ChildConsumer.refusesArchive("01:49:06.066 WARN  [main] StartupWait - Unable to reach S3 at "
                + "http://127.0.0.1:4566 yet")).isFalse();
        assertThat(ChildConsumer.refusesArchive("[1.2s][warning][gc] Unable to expand the heap")).isFalse();
    }
}
