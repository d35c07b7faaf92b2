package io.clickstream.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.testing.Generators;
import io.clickstream.common.testing.NameTheInputOnFailure;
import io.clickstream.common.validation.DecodeResult;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NameTheInputOnFailure.class)
class EventJsonRoundTripPropertiesTest {
    private final EventDecoder decoder = new EventDecoder(64 * 1024);

    /** Random normalized events, after one with every optional field absent and one with all of them set. */
    private static Stream<Named<ClickEvent>> events(String sourceName, int count) {
        SplittableRandom edges = Generators.random(sourceName + "/edge cases");
        List<ClickEvent> edgeCases = List.of(Generators.normalizedEvent(edges, 1.0), Generators.normalizedEvent(edges, 0.0));
        return Generators.samples(sourceName, count, edgeCases, Generators::normalizedEvent);
    }

    static Stream<Named<ClickEvent>> eventsToRoundTrip() {
        return events("eventsToRoundTrip", 500);
    }

    static Stream<Named<ClickEvent>> eventsToWriteTwice() {
        return events("eventsToWriteTwice", 200);
    }

    static Stream<Named<ClickEvent>> eventsToDecodeAndRewrite() {
        return events("eventsToDecodeAndRewrite", 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsToRoundTrip")
    void writingThenDecodingGivesBackAnEqualEvent(ClickEvent event) {
        DecodeResult result = decoder.decode(EventJsonWriter.write(event));

        assertThat(result).isEqualTo(new DecodeResult.Valid(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsToWriteTwice")
    void theSameEventAlwaysGivesTheSameBytes(ClickEvent event) {
        ClickEvent copy = event.withTimestamp(event.timestamp());

        assertThat(EventJsonWriter.write(copy)).isEqualTo(EventJsonWriter.write(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsToDecodeAndRewrite")
    void writingADecodedEventGivesBackTheSameBytes(ClickEvent event) {
        byte[] first = EventJsonWriter.write(event);
        ClickEvent decoded = ((DecodeResult.Valid) decoder.decode(first)).event();

        assertThat(EventJsonWriter.write(decoded)).isEqualTo(first);
    }
}
