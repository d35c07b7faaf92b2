package io.clickstream.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What Logback loggers write while the capture is open: one logger, several, or the root (everything).
 * The code under test may log from any thread while the test reads. Levels and additivity changed
 * through {@link #atLevel}, {@link #withLevel} and {@link #quiet} are restored by {@link #close()}.
 *
 * <pre>{@code
 * try (var logs = LogCapture.of(StartupCheck.class)) { ...; assertThat(logs.messages()).contains(...); }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final List<Logger> loggers;
    private final Collector collector = new Collector();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Map<Logger, Boolean> previousAdditivity = new LinkedHashMap<>();

    private LogCapture(List<Logger> loggers) {
        this.loggers = loggers;
        collector.start();
        loggers.forEach(l -> l.addAppender(collector));
    }

    /** Captures the logger of {@code type} (and the loggers below it). */
    public static LogCapture of(Class<?> type) {
        return of(type.getName());
    }

    /** Captures these loggers (and the loggers below them). */
    public static LogCapture of(String... loggerNames) {
        if (loggerNames.length == 0) {
            throw new IllegalArgumentException("name at least one logger, or capture the root");
        }
        return new LogCapture(Arrays.stream(loggerNames).map(LogCapture::logger).toList());
    }

    /** Captures everything that reaches the root logger. */
    public static LogCapture root() {
        return of(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Sets the captured loggers to {@code level} until {@link #close()}. */
    public LogCapture atLevel(Level level) {
        loggers.forEach(l -> setLevel(l, level));
        return this;
    }

    /**
     * Sets another logger to {@code level} until {@link #close()}: e.g. a library to DEBUG while the root is
     * captured, so that its detail is captured too.
     */
    public LogCapture withLevel(String loggerName, Level level) {
        setLevel(logger(loggerName), level);
        return this;
    }

    /** Keeps the captured loggers' lines out of the build's console until {@link #close()}. */
    public LogCapture quiet() {
        for (Logger l : loggers) {
            previousAdditivity.putIfAbsent(l, l.isAdditive());
            l.setAdditive(false);
        }
        return this;
    }

    /** The events so far, in the order they were logged. */
    public List<ILoggingEvent> events() {
        return collector.snapshot();
    }

    /** The formatted messages so far. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The formatted messages logged at {@code level}. */
    public List<String> messages(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * Each event with everything it carries as text, for a search: level, logger, message, arguments, MDC,
     * and the whole exception chain with its stack frames.
     */
    public List<String> rendered() {
        return events().stream().map(LogCapture::render).toList();
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.detachAppender(collector));
        collector.stop();
        previousLevels.forEach(Logger::setLevel);
        previousAdditivity.forEach(Logger::setAdditive);
    }

    private void setLevel(Logger logger, Level level) {
        previousLevels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(level);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
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
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append("\n\t").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    /** Keeps every event; the lock is its own, so a test may read while other threads log. */
    private static final class Collector extends AppenderBase<ILoggingEvent> {
        private final List<ILoggingEvent> events = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            // Message, thread and MDC are fixed now, on the logging thread: read later, they could be another's.
            event.prepareForDeferredProcessing();
            synchronized (events) {
                events.add(event);
            }
        }

        List<ILoggingEvent> snapshot() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }
}
