package io.clickstream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What is written to {@code System.out} and {@code System.err} while the capture is open (a console
 * appender's lines included), from any thread. {@link #silent()} keeps it off the real console;
 * {@link #tee()} lets it through as well. A test that uses it holds JUnit's {@code SYSTEM_OUT} and
 * {@code SYSTEM_ERR} resource locks if tests may run in parallel.
 */
public final class ConsoleCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ConsoleCapture(boolean echo) {
        System.setOut(new PrintStream(new Copy(out, echo ? originalOut : null), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Copy(err, echo ? originalErr : null), true, StandardCharsets.UTF_8));
    }

    /** Captures the console; nothing reaches the real one until {@link #close()}. */
    public static ConsoleCapture silent() {
        return new ConsoleCapture(false);
    }

    /** Captures the console and still writes everything to the real one. */
    public static ConsoleCapture tee() {
        return new ConsoleCapture(true);
    }

    /** What {@code System.out} received so far. */
    public String out() {
        return text(out);
    }

    /** What {@code System.err} received so far. */
    public String err() {
        return text(err);
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Keeps a copy of every byte, and passes it on to the real stream if there is one. */
    private static final class Copy extends OutputStream {
        private final ByteArrayOutputStream copy;
        private final OutputStream realOrNull;

        Copy(ByteArrayOutputStream copy, OutputStream realOrNull) {
            this.copy = copy;
            this.realOrNull = realOrNull;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            if (realOrNull != null) {
                try {
                    realOrNull.write(b, off, len);
                } catch (IOException e) {
                    // the real console is best effort; the copy is what the test reads
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (realOrNull != null) {
                realOrNull.flush();
            }
        }
    }
}
