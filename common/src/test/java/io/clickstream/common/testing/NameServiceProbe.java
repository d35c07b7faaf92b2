package io.clickstream.common.testing;

import io.clickstream.common.validation.IpAddresses;
import io.clickstream.common.validation.UrlNormalizer;

/**
 * Run in a child JVM whose name service answers from a hosts file: prints, per argument, whether
 * it was taken for an IPv6 literal and whether {@code http://[arg]/} was taken for a URL. A
 * {@code true} for a name that only the hosts file knows proves a lookup happened.
 */
public final class NameServiceProbe {
    private NameServiceProbe() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            System.out.println(arg + "\t" + IpAddresses.isIpv6(arg) + "\t"
                    + UrlNormalizer.normalize("http://[" + arg + "]/").isPresent());
        }
    }
}
