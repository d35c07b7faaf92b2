package io.clickstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.config.Setting;
import io.clickstream.testkit.ConsoleCapture;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Only paths that end before anything connects: help, usage errors, configuration errors. Where the
 * configuration itself is valid, it points at closed local ports, so a regression that gets past the
 * checks fails on the timeout instead of reaching out to AWS or a broker.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsumerMainTest {
    @TempDir
    Path spool;
    private ConsoleCapture console;

    @BeforeEach
    void capture() {
        console = ConsoleCapture.silent();
    }

    @AfterEach
    void restore() {
        console.close();
    }

    /** A valid configuration that can reach nothing: everything on closed local ports, no metrics endpoint. */
    private Map<String, String> harmless() {
        return Map.of("KAFKA_BROKER", "127.0.0.1:9", "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "METRICS_PORT", "0",
                "SPOOL_DIR", spool.toString());
    }

    private String out() {
        return console.out();
    }

    private String err() {
        return console.err();
    }

    @Test
    void helpExitsZeroAndListsEveryFlagWithItsVariable() {
        int code = ConsumerMain.run(new String[] {"--help"}, Map.of());

        assertThat(code).isZero();
        for (Setting s : ConsumerConfig.SETTINGS) {
            assertThat(out()).contains(s.flag()).contains(s.env());
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void versionExitsZero() {
        assertThat(ConsumerMain.run(new String[] {"--version"}, Map.of())).isZero();
        assertThat(out()).contains("clickstream-consumer");
    }

    @Test
    void anUnknownFlagExitsTwoAndNamesIt() {
        int code = ConsumerMain.run(new String[] {"--no-such-flag", "1"}, Map.of());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("--no-such-flag").contains("--help");
    }

    @Test
    void aFlagWithoutItsValueExitsTwo() {
        assertThat(ConsumerMain.run(new String[] {"--batch-max-records"}, Map.of())).isEqualTo(2);
        assertThat(err()).contains("--batch-max-records");
    }

    @Test
    void aBadEnvironmentValueExitsTwoNamingTheVariable() {
        int code = ConsumerMain.run(new String[0], Map.of("BATCH_MAX_RECORDS", "zero"));

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("configuration error: BATCH_MAX_RECORDS=zero");
    }

    @Test
    void aBadFlagValueExitsTwoNamingTheFlagAndTheVariable() {
        int code = ConsumerMain.run(new String[] {"--metrics-port", "99999"}, Map.of("METRICS_PORT", "9404"));

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("configuration error: --metrics-port (METRICS_PORT)=99999");
    }

    @Test
    void everyProblemGetsItsOwnLine() {
        int code = ConsumerMain.run(new String[0], Map.of("BATCH_MAX_RECORDS", "0", "S3_BUCKET", "NO"));

        assertThat(code).isEqualTo(2);
        assertThat(err().lines().filter(l -> l.startsWith("configuration error: "))).hasSize(2);
    }

    /** Runs the consumer's main with {@code -Dclickstream.fault=spec} set for the call. */
    private int runWithFault(String spec, Map<String, String> env) {
        System.setProperty("clickstream.fault", spec);
        try {
            return ConsumerMain.run(new String[0], env);
        } finally {
            System.clearProperty("clickstream.fault");
        }
    }

    @Test
    void anUnknownFaultSpecExitsTwoNamingTheSystemProperty() {
        int code = runWithFault("explode-now", harmless());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("-Dclickstream.fault");
    }

    @Test
    void aNonNumericFaultCountExitsTwoNamingTheSystemProperty() {
        int code = runWithFault("halt-after-upload:x", harmless());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("-Dclickstream.fault");
    }

    @Test
    void theOldEnvironmentVariableArmsNothing() {
        var env = new java.util.HashMap<>(harmless());
        env.put("CLICKSTREAM_FAULT", "explode-now");
        env.put("STARTUP_TIMEOUT", "1s");

        int code = ConsumerMain.run(new String[0], env);

        assertThat(code).as("not a configuration error: the variable is not read").isEqualTo(1);
        assertThat(err()).doesNotContain("explode-now");
    }

    @Test
    void aKafkaClientPropertyANamedSettingControlsExitsTwoNamingBoth() {
        int code = ConsumerMain.run(new String[] {"--kafka-client-property", "group.id=other"},
                Map.of("KAFKA_CLIENT_ENABLE_AUTO_COMMIT", "true"));

        assertThat(code).isEqualTo(2);
        assertThat(err().lines()).containsExactlyInAnyOrder(
                "configuration error: --kafka-client-property group.id (KAFKA_CLIENT_GROUP_ID): sets group.id, which "
                        + "KAFKA_GROUP_ID (--group-id) controls: set KAFKA_GROUP_ID instead",
                "configuration error: KAFKA_CLIENT_ENABLE_AUTO_COMMIT: enable.auto.commit cannot be overridden: offsets "
                        + "are committed by the sink, only after the files holding the records are uploaded");
    }
}
