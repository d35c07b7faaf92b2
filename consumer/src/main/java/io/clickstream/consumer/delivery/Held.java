package io.clickstream.consumer.delivery;

/** The offsets of work that was dropped: from the first record held to the one after the last. */
record Held(long from, long to) {
}
