package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.testing.Generators;
import io.clickstream.common.testing.NameTheInputOnFailure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NameTheInputOnFailure.class)
class StrictUtf8Test {

    /** Mostly well-formed text with a few bytes overwritten, so both outcomes are common. */
    static Stream<Named<byte[]>> bytesNearUtf8() {
        return Generators.samples("bytesNearUtf8", 1000, StrictUtf8Test::textWithSomeBytesOverwritten);
    }

    private static byte[] textWithSomeBytesOverwritten(SplittableRandom random) {
        byte[] bytes = Generators.anyString(random).getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[random.nextInt(0, 4)];
        random.nextBytes(noise);
        for (int i = 0; i < noise.length && bytes.length > 0; i++) {
            bytes[Math.floorMod(noise[i] * 7 + i, bytes.length)] = noise[i];
        }
        return bytes;
    }

    static Stream<Named<byte[]>> randomBytes() {
        List<byte[]> edgeCases = List.of(new byte[0], new byte[] {0}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xff},
                new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        return Generators.samples("randomBytes", 1000, edgeCases, Generators::anyBytes);
    }

    static Stream<Named<String>> anyStrings() {
        return Generators.samples("anyStrings", 500, Generators.STRING_EDGE_CASES, Generators::anyString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bytesNearUtf8")
    void agreesWithTheJdksStrictDecoderOnWhatIsUtf8(byte[] bytes) {
        assertThat(StrictUtf8.firstInvalidByte(bytes) < 0).isEqualTo(jdkAccepts(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomBytes")
    void agreesWithTheJdksStrictDecoderOnRandomBytes(byte[] bytes) {
        assertThat(StrictUtf8.firstInvalidByte(bytes) < 0).isEqualTo(jdkAccepts(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyStrings")
    void acceptsEveryStringTheJdkEncodes(String text) {
        String withoutNul = text.replace('\u0000', ' ');
        if (isWellFormedUtf16(withoutNul)) {
            assertThat(StrictUtf8.firstInvalidByte(withoutNul.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        }
    }

    @Test
    void pointsAtTheStartOfTheBrokenSequence() {
        assertThat(StrictUtf8.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82, 'c'})).isEqualTo(2);
        assertThat(StrictUtf8.firstInvalidByte(new byte[] {'a', 0})).isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(new byte[0])).isEqualTo(-1);
    }

    @Test
    void findsABadByteAtEveryPositionOfALongAsciiText() {
        byte[] text = "{\"event_type\":\"page_view\",\"page_url\":\"https://shop.example.com/p/1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(StrictUtf8.firstInvalidByte(text)).isEqualTo(-1);
        for (byte bad : new byte[] {0, (byte) 0x80, (byte) 0xC0, (byte) 0xFF}) {
            for (int at = 0; at < text.length; at++) {
                byte[] broken = text.clone();
                broken[at] = bad;
                assertThat(StrictUtf8.firstInvalidByte(broken)).as("0x%02X at %d", bad, at).isEqualTo(at);
            }
        }
    }

    @Test
    void acceptsMultiByteCharactersAtEveryPositionOfALongAsciiText() {
        String ascii = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (String character : List.of("\u00e9", "\u20ac", "\ud83d\ude00")) {
            for (int at = 0; at <= ascii.length(); at++) {
                byte[] bytes = (ascii.substring(0, at) + character + ascii.substring(at)).getBytes(StandardCharsets.UTF_8);
                assertThat(StrictUtf8.firstInvalidByte(bytes)).as("%s at %d", character, at).isEqualTo(-1);
            }
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
