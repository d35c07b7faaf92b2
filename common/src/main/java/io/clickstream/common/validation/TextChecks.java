package io.clickstream.common.validation;

/** Text checks shared by the validator: trimming, control characters, unpaired surrogates. */
public final class TextChecks {

    private TextChecks() {
    }

    /** Trims ASCII and Unicode whitespace; blank becomes {@code null}. */
    public static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Index of the first C0/C1 control character (NUL, tabs, newlines included), or -1. */
    public static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first surrogate that is not half of a high-low pair, or -1. */
    public static int firstUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
