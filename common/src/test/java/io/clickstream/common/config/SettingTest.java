package io.clickstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void holdsVariableFlagDefaultAndDoc() {
        var setting = new Setting("KAFKA_TOPIC", "--topic", "clickstream", "Topic to read");

        assertThat(setting.env()).isEqualTo("KAFKA_TOPIC");
        assertThat(setting.flag()).isEqualTo("--topic");
        assertThat(setting.defaultValue()).isEqualTo("clickstream");
        assertThat(setting.doc()).isEqualTo("Topic to read");
    }

    @Test
    void allowsNoDefault() {
        assertThat(new Setting("KAFKA_TOPIC", "--topic", null, "Topic").defaultValue()).isNull();
    }

    @Test
    void refusesAFlagWithoutTwoLeadingDashes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Setting("KAFKA_TOPIC", "-t", null, "Topic"))
                .withMessageContaining("-t");
        assertThatIllegalArgumentException().isThrownBy(() -> new Setting("KAFKA_TOPIC", "topic", null, "Topic"));
    }

    @Test
    void refusesAMissingNameFlagOrDoc() {
        assertThatNullPointerException().isThrownBy(() -> new Setting(null, "--topic", null, "Topic")).withMessage("env");
        assertThatNullPointerException().isThrownBy(() -> new Setting("KAFKA_TOPIC", null, null, "Topic")).withMessage("flag");
        assertThatNullPointerException().isThrownBy(() -> new Setting("KAFKA_TOPIC", "--topic", null, null)).withMessage("doc");
    }
}
