package io.clickstream.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rules for a service endpoint such as {@code AWS_ENDPOINT_URL}: an absolute http(s) URL with a host,
 * a port in 1-65535 when one is given, and nothing an HTTP client would refuse or misuse later, deep inside
 * a request, as a stack trace: no credentials in it (they would be logged with the URL; there are
 * settings for them), no query and no fragment.
 */
public final class HttpEndpoint {

    /** The outcome of checking an endpoint. */
    public sealed interface Result {
        record Valid(URI uri) implements Result {
        }

        /** @param problem what is wrong, without repeating the value */
        record Invalid(String problem) implements Result {
        }
    }

    private HttpEndpoint() {
    }

    public static Result check(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // e.getReason() names the rule; the full message would repeat the value, credentials and all
            return new Result.Invalid("is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new Result.Invalid("must be an http(s) URL with a host, such as http://localhost:4566");
        }
        if (uri.getRawUserInfo() != null) {
            return new Result.Invalid("must not hold credentials; use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return new Result.Invalid("port " + uri.getPort() + " is out of range 1-65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return new Result.Invalid("must not have a query (?...) or a fragment (#...)");
        }
        return new Result.Valid(uri);
    }

    /**
     * The value as it may be shown in a message: anything between {@code //} and an {@code @} (a user and
     * password) is masked.
     */
    public static String redacted(String text) {
        return text.replaceFirst("(?<=//)[^/?#]*@", "****@");
    }
}
