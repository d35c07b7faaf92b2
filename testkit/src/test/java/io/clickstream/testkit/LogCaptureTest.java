package io.clickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogCaptureTest {
    private static final Logger A = LoggerFactory.getLogger("testkit.a");
    private static final Logger B = LoggerFactory.getLogger("testkit.b");

    @Test
    void capturesOnlyTheNamedLoggersAndOnlyWhileOpen() {
        A.warn("before");
        try (var logs = LogCapture.of("testkit.a")) {
            A.warn("one {}", 1);
            B.warn("elsewhere");
            assertThat(logs.messages()).containsExactly("one 1");
        }
        try (var logs = LogCapture.of("testkit.b")) {
            A.warn("after");
            assertThat(logs.messages()).isEmpty();
        }
    }

    @Test
    void theLevelIsSetForTheCaptureAndRestoredAfterwards() {
        var logger = (ch.qos.logback.classic.Logger) A;
        Level before = logger.getLevel();
        try (var logs = LogCapture.of("testkit.a").atLevel(Level.DEBUG).quiet()) {
            A.debug("detail");
            assertThat(logs.messages(Level.DEBUG)).containsExactly("detail");
            assertThat(logger.isAdditive()).isFalse();
        }
        assertThat(logger.getLevel()).isEqualTo(before);
        assertThat(logger.isAdditive()).isTrue();
    }

    @Test
    void theRootSeesOtherLoggersAtTheLevelGivenForThem() {
        try (var logs = LogCapture.root().withLevel("testkit.b", Level.DEBUG)) {
            B.debug("library detail");
            A.debug("not lowered");
            assertThat(logs.messages()).containsExactly("library detail");
        }
        assertThat(B.isDebugEnabled()).isFalse();
    }

    @Test
    void aRenderedEventCarriesArgumentsMdcAndTheExceptionChain() {
        try (var logs = LogCapture.of("testkit.a").quiet()) {
            MDC.put("bucket", "lake");
            try {
                A.error("upload of {} failed", "key-1", new IllegalStateException("outer", new RuntimeException("inner")));
            } finally {
                MDC.remove("bucket");
            }
            assertThat(logs.rendered()).singleElement().asString()
                    .startsWith("ERROR testkit.a - upload of key-1 failed | key-1")
                    .contains("bucket=lake", "java.lang.IllegalStateException: outer",
                            "java.lang.RuntimeException: inner", "\tat io.clickstream.testkit.LogCaptureTest");
        }
    }

    @Test
    void eventsLoggedFromOtherThreadsAreAllKept() throws InterruptedException {
        try (var logs = LogCapture.of("testkit.a").atLevel(Level.INFO).quiet()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                var thread = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        A.info("line");
                        logs.messages(); // reading meanwhile is safe
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(logs.events()).hasSize(2000);
        }
    }
}
