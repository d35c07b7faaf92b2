package io.clickstream.sandbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.common.event.EventFields;
import io.clickstream.common.json.EventDecoder;
import io.clickstream.common.validation.DecodeResult;
import io.clickstream.common.validation.Reason;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of hostile record value in the corpus decodes to the outcome its manifest line promises. */
class CorpusTest {
    private static final EventDecoder DECODER = new EventDecoder(Corpus.MAX_RECORD_BYTES);
    private static final List<Corpus.Entry> ENTRIES = Corpus.entries();

    static List<Corpus.Entry> entries() {
        return ENTRIES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void decodesToTheOutcomeAndFieldTheManifestPromises(Corpus.Entry entry) {
        DecodeResult result = DECODER.decode(entry.value());

        if (entry.valid()) {
            assertThat(result).as("%s (%s)", entry.file(), entry.description()).isInstanceOf(DecodeResult.Valid.class);
        } else {
            assertThat(result).as("%s (%s)", entry.file(), entry.description()).isInstanceOf(DecodeResult.Invalid.class);
            var primary = ((DecodeResult.Invalid) result).primary();
            assertThat(primary.reason().code()).as("error.reason of %s: %s", entry.file(), result).isEqualTo(entry.expected());
            assertThat(primary.field()).as("error.field of %s: %s", entry.file(), result).isEqualTo(entry.field());
        }
    }

    @Test
    void manifestAndFilesAgreeAndListAtLeastFortyKinds() {
        List<String> listed = ENTRIES.stream().map(Corpus.Entry::file).toList();

        assertThat(listed).as("files listed twice").doesNotHaveDuplicates();
        assertThat(Corpus.filesPresent()).as("corpus files vs %s", Corpus.MANIFEST).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(ENTRIES).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void manifestUsesOnlyDocumentedReasonCodesAndFieldNames() {
        Set<String> codes = Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toSet());
        Set<String> fields = new HashSet<>(allFields());
        fields.add("$");

        for (Corpus.Entry entry : ENTRIES) {
            if (entry.valid()) {
                assertThat(entry.field()).as(entry.file()).isEqualTo("-");
            } else {
                assertThat(codes).as("reason of %s", entry.file()).contains(entry.expected());
                assertThat(fields).as("field of %s", entry.file()).contains(entry.field());
            }
        }
    }

    @Test
    void coversEveryDecoderReasonEveryMissingRequiredFieldAndEveryWrongType() {
        Set<String> reasons = ENTRIES.stream().map(Corpus.Entry::expected).collect(Collectors.toSet());
        for (Reason reason : Reason.values()) {
            // decided by the consumer's router from the Kafka timestamp, not by the bytes
            if (reason != Reason.LATE_EVENT && reason != Reason.KAFKA_TIMESTAMP_TOO_OLD) {
                assertThat(reasons).as("a corpus entry for %s", reason.code()).contains(reason.code());
            }
        }
        assertThat(reasons).contains(Corpus.VALID);
        assertThat(fieldsWith("missing_field")).containsAll(EventFields.REQUIRED);
        assertThat(fieldsWith("wrong_type")).containsAll(allFields());
    }

    /** "Stored verbatim, never interpreted": the decoder hands the payloads on byte for byte. */
    @Test
    void codeLookingTextIsKeptVerbatim() {
        ClickEvent event = decodeValid("user-agent-sql-html.json");

        assertThat(event.userAgent()).isEqualTo(CorpusIT.SQL_HTML_USER_AGENT);
        assertThat(decodeValid("user-id-sql.json").userId()).isEqualTo("corpus-user-id-sql' OR '1'='1");
    }

    @Test
    void normalizesCaseOnlyWhereTheDesignSays() {
        assertThat(decodeValid("url-mixed-case.json").pageUrl()).isEqualTo("https://shop.example.com:8443/P/AbC?Utm=X#Frag");
        assertThat(decodeValid("event-type-uppercase.json").eventType().wireName()).isEqualTo("purchase");
        assertThat(decodeValid("ipv6-valid.json").ipAddress()).isEqualTo("2001:db8::1");
    }

    private static ClickEvent decodeValid(String file) {
        Corpus.Entry entry = ENTRIES.stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
        DecodeResult result = DECODER.decode(entry.value());
        assertThat(result).as(file).isInstanceOf(DecodeResult.Valid.class);
        return ((DecodeResult.Valid) result).event();
    }

    private static Set<String> fieldsWith(String reason) {
        return ENTRIES.stream().filter(e -> e.expected().equals(reason)).map(Corpus.Entry::field).collect(Collectors.toSet());
    }

    private static List<String> allFields() {
        return List.of(EventFields.EVENT_ID, EventFields.USER_ID, EventFields.SESSION_ID, EventFields.EVENT_TYPE,
                EventFields.TIMESTAMP, EventFields.PAGE_URL, EventFields.PRODUCT_ID, EventFields.IP_ADDRESS,
                EventFields.REFERRER, EventFields.USER_AGENT, EventFields.DEVICE);
    }
}
