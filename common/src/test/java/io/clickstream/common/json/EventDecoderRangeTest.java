package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.testing.Generators;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The consumer decodes a record's value where Kafka read it, inside the record's own array: a value decoded in
 * place gives the verdict, the event and every message (byte positions included) that the same bytes give as an
 * array of their own, whatever the bytes around it.
 */
class EventDecoderRangeTest {
    private final EventDecoder decoder = new EventDecoder(1 << 20);

    @Test
    void aValueInsideALargerArrayDecodesAsTheValueAlone() {
        SplittableRandom random = Generators.random("EventDecoderRangeTest");
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] value = switch (i % 3) {
                case 0 -> EventJsonWriter.write(Generators.normalizedEvent(random, random.nextDouble()));
                case 1 -> FlatEventScannerTest.plainRecord(random);
                default -> FlatEventScannerTest.mutate(random, FlatEventScannerTest.plainRecord(random));
            };
            byte[] before = around(random);
            byte[] after = around(random);
            byte[] array = new byte[before.length + value.length + after.length];
            System.arraycopy(before, 0, array, 0, before.length);
            System.arraycopy(value, 0, array, before.length, value.length);
            System.arraycopy(after, 0, array, before.length + value.length, after.length);

            DecodeResult alone = decoder.decode(value);
            DecodeResult inPlace = decoder.decode(array, before.length, value.length);

            String what = new String(value, StandardCharsets.UTF_8);
            if (alone instanceof DecodeResult.Valid expected) {
                valid++;
                assertThat(inPlace).as(what).isInstanceOfSatisfying(DecodeResult.Valid.class, actual -> {
                    assertThat(actual.event()).as(what).isEqualTo(expected.event());
                    SourceText source = actual.source();
                    if (source != null) {
                        assertThat(source.bytes()).isSameAs(array);
                        assertThat(expected.source()).as("read by the same path").isNotNull();
                    } else {
                        assertThat(expected.source()).as("read by the same path").isNull();
                    }
                });
            } else {
                invalid++;
                assertThat(inPlace).as(what).isEqualTo(alone);
            }
        }
        assertThat(valid).isGreaterThan(5_000);
        assertThat(invalid).isGreaterThan(5_000);
    }

    @Test
    void anEmptyOrNullValueIsTheSameInPlace() {
        byte[] array = "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(array, 3, 0)).isEqualTo(decoder.decode(new byte[0]));
        assertThat(decoder.decode(null, 0, 0)).isEqualTo(decoder.decode(null));
    }

    /** Bytes that would change the verdict if they were read: JSON, invalid UTF-8, NUL, whitespace. */
    private static byte[] around(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> "{\"event_id\":\"".getBytes(StandardCharsets.UTF_8);
            case 2 -> new byte[] {(byte) 0xC0, 0, (byte) 0xFF};
            case 3 -> " \n\t}".getBytes(StandardCharsets.UTF_8);
            default -> Generators.anyBytes(random);
        };
    }
}
