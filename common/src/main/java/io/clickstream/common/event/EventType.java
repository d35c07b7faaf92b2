package io.clickstream.common.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The documented set of event types. Anything else on the wire is invalid. */
public enum EventType {
    PAGE_VIEW,
    VIEW_PRODUCT,
    SEARCH,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    BEGIN_CHECKOUT,
    PURCHASE,
    CLICK;

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON and Parquet, e.g. {@code add_to_cart}. */
    public String wireName() {
        return wireName;
    }

    /** Looks up an already normalized (trimmed, lower-case) name. */
    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
