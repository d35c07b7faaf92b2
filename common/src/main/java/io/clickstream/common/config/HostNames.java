package io.clickstream.common.config;

import io.clickstream.common.validation.IpAddresses;
import java.util.regex.Pattern;

/** Host names and IP literals as a setting may give them (a bind address, a host to reach), checked without DNS. */
public final class HostNames {
    /** RFC 1123 labels of letters, digits and inner hyphens, dot-separated, 253 characters at most. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private HostNames() {
    }

    /** An IPv4 literal, an IPv6 literal (bracketed or not) or a host name. */
    public static boolean isHostOrAddress(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return IpAddresses.normalize(bare).isPresent() || HOST_NAME.matcher(text).matches();
    }
}
