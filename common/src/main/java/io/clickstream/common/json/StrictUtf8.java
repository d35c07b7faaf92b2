package io.clickstream.common.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a record value is UTF-8 JSON text before Jackson sees it. Jackson's byte parser
 * accepts overlong forms (0xC0 0xAF for '/') and code points above U+10FFFF, and reads text whose
 * first bytes look like UTF-16 or UTF-32 in that encoding; the wire format is UTF-8 only.
 */
final class StrictUtf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private StrictUtf8() {
    }

    /**
     * Index of the first byte that starts an ill-formed sequence (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or of the first NUL byte, or -1 when all are well formed.
     * NUL is valid UTF-8 but never valid in JSON text, and it is what UTF-16 and UTF-32 look like.
     */
    static int firstInvalidByte(byte[] bytes) {
        return firstInvalidByte(bytes, 0, bytes.length);
    }

    /** {@link #firstInvalidByte(byte[])} of {@code bytes[from..to)}; the index returned is into {@code bytes}. */
    static int firstInvalidByte(byte[] bytes, int from, int to) {
        int i = from;
        int n = to;
        while (i < n) {
            // Eight bytes at a time while they are ASCII and not NUL: nearly all of a JSON event.
            if (i + 8 <= n) {
                long word = (long) LONGS.get(bytes, i);
                if ((word & HIGH_BITS) == 0 && ((word - LOW_BITS) & ~word & HIGH_BITS) == 0) {
                    i += 8;
                    continue;
                }
            }
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                if (b == 0) {
                    return i;
                }
                i++;
                continue;
            }
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) {
                    secondMin = 0xA0; // below: overlong
                } else if (b == 0xED) {
                    secondMax = 0x9F; // above: a surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) {
                    secondMin = 0x90; // below: overlong
                } else if (b == 0xF4) {
                    secondMax = 0x8F; // above: beyond U+10FFFF
                }
            } else {
                return i; // a continuation byte, an overlong lead (0xC0, 0xC1) or 0xF5..0xFF
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /**
     * True when the bytes hold no backslash, no DEL (0x7F) and no C1 control (0xC2 0x80..0x9F). JSON
     * strings cannot hold raw C0 controls, and raw surrogates are not UTF-8; so in well-formed UTF-8
     * JSON text without these bytes, no decoded string holds a control character or a lone surrogate.
     */
    static boolean isPlainText(byte[] bytes) {
        return isPlainText(bytes, 0, bytes.length);
    }

    /** {@link #isPlainText(byte[])} of {@code bytes[from..to)}. */
    static boolean isPlainText(byte[] bytes, int from, int to) {
        int i = from;
        int n = to;
        for (; i + 8 <= n; i += 8) {
            long word = (long) LONGS.get(bytes, i);
            if (hasByte(word, 0x5C) || hasByte(word, 0x7F) || hasByte(word, 0xC2)) {
                break; // look closer from here, byte by byte
            }
        }
        for (; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0x5C || b == 0x7F || b == 0xC2 && i + 1 < n && (bytes[i + 1] & 0xFF) <= 0x9F) {
                return false;
            }
        }
        return true;
    }

    /** The little-endian long of the eight bytes from {@code index}. */
    static long word(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** Whether one of the eight bytes of {@code word} is {@code value}. */
    static boolean hasByte(long word, int value) {
        long x = word ^ (LOW_BITS * value);
        return ((x - LOW_BITS) & ~x & HIGH_BITS) != 0;
    }

    /** Whether one of the eight bytes of {@code word} is below {@code bound} (at most 0x80), as an unsigned byte. */
    static boolean hasByteBelow(long word, int bound) {
        return ((word - LOW_BITS * bound) & ~word & HIGH_BITS) != 0;
    }
}
