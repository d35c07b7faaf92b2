package io.clickstream.common.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** IPv4 and IPv6 literals, checked without any DNS lookup. */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The address in canonical text form (IPv6 lower-cased), or empty when it is not an IP literal. */
    public static Optional<String> normalize(String text) {
        if (isIpv4(text)) {
            return Optional.of(text);
        }
        if (isIpv6(text)) {
            return Optional.of(text.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** Dotted quad, each part 0-255 without leading zeros (which some parsers read as octal). */
    public static boolean isIpv4(String text) {
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || len > 1 && text.charAt(start) == '0') {
                return false;
            }
            parts++;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    /** An IPv6 literal without brackets or zone. Only hex digits, ':' and '.' reach the JDK parser, so no DNS. */
    public static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > 45 || text.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        if (text.charAt(0) == '.') {
            return false; // the JDK parses a literal only if it starts with a hex digit or ':'; this would be looked up
        }
        try {
            InetAddress.getByName(text); // a literal with ':' is parsed, never resolved
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
