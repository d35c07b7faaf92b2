package io.clickstream.sandbox.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything the JVM says while open: every event reaching Logback's root logger (message, arguments,
 * MDC, exception chain with stack traces) and every byte written to {@code System.out} and
 * {@code System.err} (which also holds the console appender's lines). Optionally lowers loggers to
 * DEBUG for the duration, so per-request detail is searched too.
 */
final class CapturedOutput implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    CapturedOutput(String... debugLoggers) {
        for (String name : debugLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        appender.start();
        root.addAppender(appender);
        System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, console), true, StandardCharsets.UTF_8));
    }

    /** The log events so far, each with everything it carries rendered as text. */
    List<String> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
            return appender.list.stream().map(CapturedOutput::render).toList();
        }
    }

    /** How many events came from loggers whose name starts with {@code prefix} at DEBUG or finer. */
    long debugEventsFrom(String prefix) {
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLoggerName().startsWith(prefix) && !e.getLevel().isGreaterOrEqual(Level.INFO))
                    .count();
        }
    }

    /** Every log event and every console byte, as one text to search. */
    String all() {
        String out;
        synchronized (console) {
            out = console.toString(StandardCharsets.UTF_8);
        }
        return String.join("\n", events()) + "\n" + out;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.detachAppender(appender);
        appender.stop();
        previousLevels.forEach(Logger::setLevel);
    }

    private static String render(ILoggingEvent event) {
        var text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                .append(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(" | ").append(argument);
            }
        }
        event.getMDCPropertyMap().forEach((k, v) -> text.append(" | ").append(k).append('=').append(v));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append("\n\t").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream real;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream real, ByteArrayOutputStream copy) {
            this.real = real;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            writeReal(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            writeReal(b, off, len);
        }

        private void writeReal(byte[] b, int off, int len) {
            try {
                real.write(b, off, len);
            } catch (java.io.IOException e) {
                // the real console is best effort; the capture is what the test reads
            }
        }

        @Override
        public void flush() {
            try {
                real.flush();
            } catch (java.io.IOException e) {
                // best effort
            }
        }
    }
}
