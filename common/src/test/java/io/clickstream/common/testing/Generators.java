package io.clickstream.common.testing;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventType;
import io.clickstream.common.validation.TextChecks;
import io.clickstream.common.validation.TimestampParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Random inputs for the property tests, in plain Java, for {@code @ParameterizedTest} + {@code @MethodSource}.
 *
 * <p>Every source draws from a {@link SplittableRandom} seeded from {@link #SEED} and the source's own name, so a
 * run checks exactly the inputs the previous run checked, and a failure comes back on every re-run. Each input is
 * wrapped in a {@link Named} that shows it (anything outside printable ASCII escaped as {@code \\uXXXX}), so with
 * {@code @ParameterizedTest(name = "{0}")} the report names the failing input.
 */
public final class Generators {

    /** Change it to explore other inputs; keep it fixed in the build, so runs are reproducible. */
    public static final long SEED = 0x5EED_2024_C11CL;

    private static final long DAY_SECONDS = 24 * 3600;

    private Generators() {
    }

    // ---------------------------------------------------------------- sources

    /** A random source for one {@code @MethodSource}; different names give independent inputs. */
    public static SplittableRandom random(String sourceName) {
        return new SplittableRandom(SEED ^ (long) sourceName.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** The edge cases first, then {@code count} generated values, each named after itself. */
    public static <T> Stream<Named<T>> samples(String sourceName, int count, List<T> edgeCases,
            Function<SplittableRandom, ? extends T> generator) {
        SplittableRandom random = random(sourceName);
        Stream<T> generated = IntStream.range(0, count).mapToObj(i -> generator.apply(random));
        return Stream.concat(edgeCases.stream(), generated).map(Generators::named);
    }

    public static <T> Stream<Named<T>> samples(String sourceName, int count, Function<SplittableRandom, ? extends T> generator) {
        return samples(sourceName, count, List.of(), generator);
    }

    public static <T> Named<T> named(T value) {
        return Named.of(describe(value), value);
    }

    /**
     * How an input appears in a test's display name: strings quoted, bytes in hex, all of it printable ASCII
     * (anything else as {@code \\uXXXX}), cut after {@value #DESCRIPTION_LIMIT} characters.
     */
    public static String describe(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof byte[] bytes) {
            return bytes.length == 0 ? "no bytes" : cut("bytes " + HEX.formatHex(bytes), bytes.length + " bytes");
        }
        if (value instanceof UrlParts url) {
            return quote(url.url());
        }
        return cut(escape(String.valueOf(value)), null);
    }

    private static final int DESCRIPTION_LIMIT = 300;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static String quote(String s) {
        String escaped = escape(s);
        return escaped.length() <= DESCRIPTION_LIMIT ? '"' + escaped + '"'
                : cut('"' + escaped, s.length() + " chars");
    }

    private static String cut(String description, String fullSize) {
        if (description.length() <= DESCRIPTION_LIMIT) {
            return description;
        }
        return description.substring(0, DESCRIPTION_LIMIT) + "..." + (fullSize == null ? "" : " (" + fullSize + ")");
    }

    /** Printable ASCII as is, except the backslash, doubled; anything else as {@code \\uXXXX}. */
    private static String escape(String s) {
        var out = new StringBuilder(Math.min(s.length(), DESCRIPTION_LIMIT + 1));
        for (int i = 0; i < s.length() && out.length() <= DESCRIPTION_LIMIT; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= ' ' && c <= '~') {
                out.append(c);
            } else {
                out.append("\\u").append(HexFormat.of().toHexDigits(c));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- building blocks

    /** One of the generators, each equally likely. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, Function<SplittableRandom, ? extends T>... generators) {
        return generators[random.nextInt(generators.length)].apply(random);
    }

    @SafeVarargs
    public static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** The generated value, or {@code null} with the given probability. */
    public static <T> T orNull(SplittableRandom random, double nullProbability, Function<SplittableRandom, T> generator) {
        return random.nextDouble() < nullProbability ? null : generator.apply(random);
    }

    /** A length in [min, max], short ones more often than a uniform pick would give them. */
    public static int length(SplittableRandom random, int min, int max) {
        return random.nextInt(4) == 0 ? random.nextInt(min, Math.min(max, min + 3) + 1) : random.nextInt(min, max + 1);
    }

    /** Characters drawn from several parts (ranges or lists); each part is equally likely, whatever its size. */
    public static final class Chars {
        private final List<String> parts = new ArrayList<>();

        public static Chars of(String chars) {
            return new Chars().and(chars);
        }

        public static Chars range(char first, char last) {
            return new Chars().andRange(first, last);
        }

        public Chars and(String chars) {
            parts.add(chars);
            return this;
        }

        public Chars andRange(char first, char last) {
            var range = new StringBuilder(last - first + 1);
            for (int c = first; c <= last; c++) {
                range.append((char) c);
            }
            parts.add(range.toString());
            return this;
        }

        public char next(SplittableRandom random) {
            String part = parts.get(random.nextInt(parts.size()));
            return part.charAt(random.nextInt(part.length()));
        }

        public String string(SplittableRandom random, int minLength, int maxLength) {
            int length = length(random, minLength, maxLength);
            var out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(next(random));
            }
            return out.toString();
        }
    }

    // ---------------------------------------------------------------- arbitrary values

    /** Edge cases worth checking with any string: empty, blank, NUL, lone surrogates, an emoji, the last char. */
    public static final List<String> STRING_EDGE_CASES = List.of(
            "", " ", "\u0000", "\t\n\r", "\ud800", "\udfff", "\udc00\ud800", "\ud83d\ude00", "\uffff", "\ufeff");

    /**
     * Any text: printable ASCII, control characters, whitespace, any UTF-16 unit of the Basic Multilingual
     * Plane (so lone surrogates too) and well-formed supplementary code points (emoji, rare scripts).
     */
    public static String anyString(SplittableRandom random) {
        int length = length(random, 0, 30);
        var out = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> out.append((char) random.nextInt(' ', '~' + 1));
                case 1 -> out.append((char) (random.nextBoolean() ? random.nextInt(0, 0x20) : random.nextInt(0x7f, 0xa0)));
                case 2 -> out.append(pick(random, ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b'));
                case 3 -> out.append((char) random.nextInt(0, 0x10000));
                default -> out.appendCodePoint(random.nextInt(0x10000, Character.MAX_CODE_POINT + 1));
            }
        }
        return out.toString();
    }

    /** Any bytes, mostly short arrays. */
    public static byte[] anyBytes(SplittableRandom random) {
        byte[] bytes = new byte[length(random, 0, random.nextBoolean() ? 8 : 64)];
        random.nextBytes(bytes);
        return bytes;
    }

    public static final List<Long> LONG_EDGE_CASES = List.of(
            0L, 1L, -1L, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1,
            (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);

    /** Any long: half uniform over all longs, half of a random magnitude, so small values show up too. */
    public static long anyLong(SplittableRandom random) {
        return random.nextBoolean() ? random.nextLong() : random.nextLong() >> random.nextInt(64);
    }

    // ---------------------------------------------------------------- timestamps

    /** The first and last instants the parser accepts, the last one at each precision. */
    public static final List<Instant> INSTANT_EDGE_CASES = List.of(
            TimestampParser.EARLIEST,
            TimestampParser.EARLIEST.plusNanos(1),
            TimestampParser.LATEST.minusNanos(1),
            TimestampParser.LATEST.minusMillis(1),
            TimestampParser.LATEST.minusSeconds(1),
            Instant.parse("2000-02-29T12:00:00Z"),
            Instant.parse("2024-02-29T23:59:59.999999999Z"));

    /**
     * Any instant the parser accepts, down to the nanosecond: seconds anywhere in the range, or within 30 days of
     * either end; then no fraction, a millisecond fraction or any nanosecond fraction.
     */
    public static Instant instantInRange(SplittableRandom random) {
        long first = TimestampParser.EARLIEST.getEpochSecond();
        long last = TimestampParser.LATEST.getEpochSecond() - 1;
        long seconds = switch (random.nextInt(4)) {
            case 0 -> first + random.nextLong(30 * DAY_SECONDS);
            case 1 -> last - random.nextLong(30 * DAY_SECONDS);
            default -> random.nextLong(first, last + 1);
        };
        int nanos = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    public static final List<ZoneOffset> OFFSET_EDGE_CASES = List.of(ZoneOffset.UTC, ZoneOffset.MIN, ZoneOffset.MAX,
            ZoneOffset.ofTotalSeconds(1), ZoneOffset.ofTotalSeconds(-1), ZoneOffset.ofHoursMinutes(5, 45));

    /** Every offset Java can express, to the second, -18:00 to +18:00; half of them whole quarter hours. */
    public static ZoneOffset offset(SplittableRandom random) {
        int limit = 18 * 3600;
        return random.nextBoolean()
                ? ZoneOffset.ofTotalSeconds(random.nextInt(-limit, limit + 1))
                : ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 900);
    }

    public static final List<Long> MILLIS_EDGE_CASES = List.of(
            TimestampParser.EARLIEST.toEpochMilli(), TimestampParser.EARLIEST.toEpochMilli() + 1,
            TimestampParser.LATEST.toEpochMilli() - 1, TimestampParser.LATEST.toEpochMilli() - 2);

    /** Epoch millis the parser accepts. */
    public static long millisInRange(SplittableRandom random) {
        return random.nextLong(TimestampParser.EARLIEST.toEpochMilli(), TimestampParser.LATEST.toEpochMilli());
    }

    // ---------------------------------------------------------------- URLs

    /** The parts of a generated http(s) URL, so a property can state what normalizing it must give. */
    public record UrlParts(String scheme, String userInfo, String host, String port, String rest) {
        public String url() {
            return scheme + "://" + userInfo + host + port + rest;
        }

        public String expectedNormalized() {
            return scheme.toLowerCase(Locale.ROOT) + "://" + userInfo + host.toLowerCase(Locale.ROOT) + port + rest;
        }
    }

    private static final Chars LABEL_CHARS = Chars.range('a', 'z').andRange('A', 'Z').andRange('0', '9').and("-");
    private static final Chars USER_INFO_CHARS = Chars.range('a', 'z').andRange('A', 'Z').andRange('0', '9').and(":%-._~");
    private static final Chars PATH_CHARS = Chars
            .range('!', '~') // every visible ASCII character, '?', '#', '%' and '/' included
            .andRange('\u00a1', '\u024f') // Latin-1 and Latin Extended letters
            .andRange('\u4e00', '\u4e2f') // a few CJK ideographs
            .and("\u00e9\u00c9\u0130\u0131\u00df");

    /** Scheme and host in random case; path, query and fragment from a wide alphabet, never whitespace. */
    public static UrlParts httpUrl(SplittableRandom random) {
        String scheme = randomCase(random, pick(random, "http", "https"));
        String userInfo = random.nextBoolean() ? "" : USER_INFO_CHARS.string(random, 0, 10) + "@";
        String host = switch (random.nextInt(3)) {
            case 0 -> hostName(random);
            case 1 -> ipv4Address(random);
            default -> "[" + randomCase(random, ipv6Address(random)) + "]";
        };
        String port = random.nextBoolean() ? "" : ":" + random.nextInt(0, 65536);
        String rest = switch (random.nextInt(4)) {
            case 0 -> "/" + PATH_CHARS.string(random, 0, 40);
            case 1 -> "?" + PATH_CHARS.string(random, 0, 40);
            case 2 -> "#" + PATH_CHARS.string(random, 0, 40);
            default -> "";
        };
        return new UrlParts(scheme, userInfo, host, port, rest);
    }

    /** One to four labels of letters, digits and '-', each starting with a letter or digit. */
    public static String hostName(SplittableRandom random) {
        int labels = random.nextInt(1, 5);
        var out = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            String label;
            do {
                label = LABEL_CHARS.string(random, 1, 12);
            } while (!Character.isLetterOrDigit(label.charAt(0)));
            out.append(i == 0 ? "" : ".").append(label);
        }
        return out.toString();
    }

    public static String ipv4Address(SplittableRandom random) {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** IPv6 in lower case: eight full groups, or a run of zero groups written as {@code ::}. */
    public static String ipv6Address(SplittableRandom random) {
        List<String> groups = IntStream.range(0, 8).mapToObj(i -> Integer.toHexString(random.nextInt(0x10000))).toList();
        int start = random.nextInt(-1, 8);
        if (start < 0) {
            return String.join(":", groups);
        }
        int end = Math.min(8, start + random.nextInt(1, 9));
        return String.join(":", groups.subList(0, start)) + "::" + String.join(":", groups.subList(end, 8));
    }

    /** The text with each character upper- or lower-cased at random. */
    public static String randomCase(SplittableRandom random, String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- events

    private static final Chars CLEAN_TEXT_CHARS = Chars
            .range(' ', '~')
            .andRange('\u00a0', '\u07ff')
            .andRange('\u2000', '\u206f')
            .andRange('\u3000', '\u30ff')
            .andRange('\uac00', '\uac3f')
            .and("\ufeff\ufffd\"\\/");

    /**
     * Text a validated event can hold: 1 to {@code maxLength} chars, trimmed, no control characters, no unpaired
     * surrogates, any other character (emoji, quotes, backslashes, right-to-left scripts) allowed.
     */
    public static String cleanText(SplittableRandom random, int maxLength) {
        while (true) {
            String text = withSomeEmoji(CLEAN_TEXT_CHARS.string(random, 1, maxLength)).strip();
            if (!text.isEmpty() && text.length() <= maxLength && TextChecks.firstControlCharacter(text) < 0) {
                return text;
            }
        }
    }

    private static String withSomeEmoji(String s) {
        return s.length() > 3 && s.charAt(0) < 'M' ? s.substring(0, 2) + "\ud83d\uded2" + s.substring(2) : s;
    }

    /** Events in the form the validator produces, so writing and decoding one must give it back. */
    public static ClickEvent normalizedEvent(SplittableRandom random) {
        return normalizedEvent(random, 0.3);
    }

    /** An event whose optional fields are each absent with the given probability: 0 for all set, 1 for none. */
    public static ClickEvent normalizedEvent(SplittableRandom random, double absentProbability) {
        Function<SplittableRandom, String> pageUrl = r -> httpUrl(r).expectedNormalized();
        return new ClickEvent(
                orNull(random, absentProbability, r -> cleanText(r, 128)),
                cleanText(random, 128),
                cleanText(random, 128),
                pick(random, EventType.values()),
                instantInRange(random),
                pageUrl.apply(random),
                orNull(random, absentProbability, r -> r.nextBoolean() ? r.nextLong(0, 10_001) : r.nextLong() & Long.MAX_VALUE),
                orNull(random, absentProbability, r -> r.nextBoolean() ? ipv4Address(r) : ipv6Address(r)),
                orNull(random, absentProbability, pageUrl),
                orNull(random, absentProbability, r -> cleanText(r, 1024)),
                orNull(random, absentProbability, r -> pick(r, "mobile", "desktop", "tablet", "tv", "smart-watch")));
    }
}
