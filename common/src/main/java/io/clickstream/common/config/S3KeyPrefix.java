package io.clickstream.common.config;

import java.util.Locale;

/**
 * The rules for a key prefix such as {@code S3_PREFIX}, so that every object stays under it and every
 * tool can name it: segments separated by single slashes, none of them {@code .} or {@code ..} (which
 * S3 keeps literally but file-system tools and some SDKs resolve, moving objects out of the prefix), no
 * leading slash, and only the characters AWS lists as safe in object keys: letters, digits and
 * {@code ! - _ . * ' ( )}. One trailing slash, as prefixes are often written, is dropped.
 */
public final class S3KeyPrefix {
    /** A key may hold 1,024 bytes; the consumer's own part of a key takes at most about 350. */
    public static final int MAX_LENGTH = 512;
    private static final String SAFE_PUNCTUATION = "!-_.*'()";

    /** The outcome of checking a prefix. */
    public sealed interface Result {
        /** @param prefix the prefix without a trailing slash */
        record Valid(String prefix) implements Result {
        }

        /** @param problem what is wrong, without repeating the value */
        record Invalid(String problem) implements Result {
        }
    }

    private S3KeyPrefix() {
    }

    public static Result check(String text) {
        if (text.isEmpty()) {
            return new Result.Invalid("is empty");
        }
        if (text.startsWith("/")) {
            return new Result.Invalid("must not start with '/': S3 would keep the slash in every key");
        }
        String prefix = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (prefix.length() > MAX_LENGTH) {
            return new Result.Invalid("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!isSafe(c) && c != '/') {
                return new Result.Invalid("contains " + describe(c)
                        + "; use letters, digits, '/' between segments and ! - _ . * ' ( ) only (S3's safe characters)");
            }
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.isEmpty()) {
                return new Result.Invalid("has an empty segment ('//'); separate segments with one '/'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return new Result.Invalid("has a '" + segment + "' segment; the objects must stay under the prefix");
            }
        }
        return new Result.Valid(prefix);
    }

    private static boolean isSafe(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || SAFE_PUNCTUATION.indexOf(c) >= 0;
    }

    /** A printable character in quotes, anything else by its code point (a control character must not reach a log). */
    private static String describe(char c) {
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        return c >= ' ' && c < 0x7F ? "'" + c + "' (" + code + ")" : code;
    }
}
