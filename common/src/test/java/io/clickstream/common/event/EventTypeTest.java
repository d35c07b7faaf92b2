package io.clickstream.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @Test
    void hasTheDocumentedWireNames() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).containsExactly(
                "page_view", "view_product", "search", "add_to_cart", "remove_from_cart", "begin_checkout",
                "purchase", "click");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void findsEveryTypeByItsWireName(EventType type) {
        assertThat(EventType.fromWireName(type.wireName())).contains(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAGE_VIEW", "Page_View", " page_view", "page-view", "", "unknown"})
    void findsNothingForANameThatIsNotNormalizedOrNotDocumented(String name) {
        assertThat(EventType.fromWireName(name)).isEmpty();
    }
}
