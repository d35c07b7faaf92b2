package io.clickstream.producer.sim;

/** One simulated shopper; device, user agent and address stay the same for all of the user's sessions. */
public record User(int index, String userId, String device, String userAgent, String ipAddress) {
}
