package io.clickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ConsoleCaptureTest {

    @Test
    void outAndErrAreKeptApartAndTheConsoleIsGivenBackOnClose() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (var console = ConsoleCapture.silent()) {
            System.out.println("to out");
            System.err.print("to err");
            assertThat(console.out()).isEqualTo("to out" + System.lineSeparator());
            assertThat(console.err()).isEqualTo("to err");
        }
        assertThat(System.out).isSameAs(out);
        assertThat(System.err).isSameAs(err);
    }

    @Test
    void aTeeCapturesWhatStillReachesTheConsole() {
        try (var outer = ConsoleCapture.silent()) {
            try (var inner = ConsoleCapture.tee()) {
                System.out.print("both");
                assertThat(inner.out()).isEqualTo("both");
            }
            assertThat(outer.out()).as("what the tee let through").isEqualTo("both");
        }
    }
}
