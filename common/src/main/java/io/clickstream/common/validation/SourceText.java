package io.clickstream.common.validation;

/**
 * Where the strings of a decoded event lie, as UTF-8, in the record they were read from: a writer that needs a
 * value's UTF-8 bytes can take them from there instead of encoding the {@code String} again (an array per value).
 *
 * <p>Only the very {@code String} instances read from the record are found: a value the validator changed (trimmed,
 * lower-cased, a normalized URL) is a new instance and is not, so its bytes are the changed value's own.
 */
public interface SourceText {

    /** The record's bytes. Never to be written to. */
    byte[] bytes();

    /**
     * Where {@code value} lies in {@link #bytes()}: its start in the high 32 bits and its length in the low 32, or -1
     * if {@code value} is not one of the strings read from there (compared by identity, not by content).
     */
    long span(String value);

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int length(long span) {
        return (int) span;
    }
}
