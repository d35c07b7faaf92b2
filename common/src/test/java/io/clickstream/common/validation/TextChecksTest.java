package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextChecksTest {

    @Test
    void trimsAsciiAndUnicodeWhitespace() {
        assertThat(TextChecks.trimToNull("  a b \t\r\n")).isEqualTo("a b");
        assertThat(TextChecks.trimToNull("\u2003\u3000a\u2028")).isEqualTo("a");
    }

    @Test
    void keepsANoBreakSpaceAndNulBecauseTheyAreNotWhitespace() {
        assertThat(TextChecks.trimToNull("\u00a0a\u00a0")).isEqualTo("\u00a0a\u00a0");
        assertThat(TextChecks.trimToNull("\u0000a")).isEqualTo("\u0000a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
    void turnsBlankIntoNull(String blank) {
        assertThat(TextChecks.trimToNull(blank)).isNull();
    }

    @Test
    void passesNullThrough() {
        assertThat(TextChecks.trimToNull(null)).isNull();
    }

    @Test
    void findsTheFirstC0OrC1ControlCharacter() {
        assertThat(TextChecks.firstControlCharacter("abc")).isEqualTo(-1);
        assertThat(TextChecks.firstControlCharacter("")).isEqualTo(-1);
        assertThat(TextChecks.firstControlCharacter("a\u0000b\nc")).isEqualTo(1);
        assertThat(TextChecks.firstControlCharacter("ab\u007f")).isEqualTo(2);
        assertThat(TextChecks.firstControlCharacter("\u009f")).isEqualTo(0);
        assertThat(TextChecks.firstControlCharacter("\u00a0\u200b\u202e\ufeff \u00e9")).isEqualTo(-1);
    }
}
