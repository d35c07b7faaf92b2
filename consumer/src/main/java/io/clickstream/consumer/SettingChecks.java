package io.clickstream.consumer;

import static io.clickstream.consumer.ConsumerConfig.*;

import io.clickstream.common.config.ConfigReader;
import io.clickstream.common.config.HttpEndpoint;
import io.clickstream.common.config.S3KeyPrefix;
import io.clickstream.common.config.Setting;
import io.clickstream.consumer.s3.AssumeRole;
import io.clickstream.consumer.s3.ObjectSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** How the consumer's values that are more than a number or a size are read and checked, each problem naming its variable. */
final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * {@code auto} is resolved here, from the process's own HOSTNAME: compose would interpolate {@code ${HOSTNAME}}
     * on the host and give every {@code --scale} replica the same id, while inside each container HOSTNAME is
     * the container's own name. Kafka takes up to 249 characters of any kind; keep to a safe set.
     */
    static String groupInstanceId(ConfigReader r, Map<String, String> values) {
        String id = r.string(KAFKA_GROUP_INSTANCE_ID);
        if (id == null) {
            return null;
        }
        if (id.equals("auto")) {
            id = hostName(values);
            if (id == null) {
                r.problem(KAFKA_GROUP_INSTANCE_ID, "auto", "no host name found (HOSTNAME, or the machine's own); give an id");
                return null;
            }
        }
        if (!id.matches("[A-Za-z0-9._-]{1,249}")) {
            r.problem(KAFKA_GROUP_INSTANCE_ID, id, "must be 1-249 of A-Z, a-z, 0-9, '.', '_', '-'");
        }
        return id;
    }

    /** HOSTNAME (set in every container; a shell keeps it unexported), else the name the machine gives itself. */
    private static String hostName(Map<String, String> values) {
        String host = values.getOrDefault("HOSTNAME", System.getenv("HOSTNAME"));
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? null : name.strip();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** host:port[,host:port...], each port 1-65535: caught here, not as a stack trace from the Kafka client later. */
    static String brokers(ConfigReader r, String list) {
        if (list == null) {
            return null;
        }
        for (String entry : list.split(",")) {
            String e = entry.trim();
            int colon = e.lastIndexOf(':');
            boolean ok = colon > 0 && colon < e.length() - 1 && e.substring(colon + 1).matches("\\d{1,5}")
                    && Integer.parseInt(e.substring(colon + 1)) >= 1 && Integer.parseInt(e.substring(colon + 1)) <= 65535;
            if (!ok) {
                r.problem(KAFKA_BROKER, list, "expected host:port[,host:port...], e.g. localhost:9092; '" + e + "' is not");
                break;
            }
        }
        return list;
    }

    static String topicName(ConfigReader r, Setting setting, String name) {
        if (name != null && (!name.matches("[a-zA-Z0-9._-]{1,249}") || name.equals(".") || name.equals(".."))) {
            r.problem(setting, name, "is not a valid Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        return name;
    }

    /** Checked here, not left to the HTTP client, which refuses a bad port only on the first request, as a stack trace. */
    static URI endpoint(ConfigReader r) {
        String text = r.string(AWS_ENDPOINT_URL);
        if (text == null) {
            return null;
        }
        HttpEndpoint.Result result = HttpEndpoint.check(text);
        if (result instanceof HttpEndpoint.Result.Invalid invalid) {
            r.problem(AWS_ENDPOINT_URL, HttpEndpoint.redacted(text), invalid.problem());
            return null;
        }
        return ((HttpEndpoint.Result.Valid) result).uri();
    }

    static String prefix(ConfigReader r) {
        String text = r.string(S3_PREFIX);
        S3KeyPrefix.Result result = S3KeyPrefix.check(text);
        if (result instanceof S3KeyPrefix.Result.Invalid invalid) {
            r.problem(S3_PREFIX, text, invalid.problem());
            return text;
        }
        return ((S3KeyPrefix.Result.Valid) result).prefix();
    }

    /** The flag (over AWS_REGION), then AWS_DEFAULT_REGION; {@code null} leaves it to the SDK's region chain. */
    static String region(ConfigReader r) {
        Setting from = r.string(AWS_REGION) != null ? AWS_REGION : AWS_DEFAULT_REGION;
        String region = r.string(from);
        if (region != null && !region.matches("[A-Za-z0-9_-]{1,64}")) {
            r.problem(from, region, "is not a region name such as eu-west-1");
        }
        return region;
    }

    static AssumeRole assumeRole(ConfigReader r, Map<String, String> values) {
        String arn = r.string(AWS_ASSUME_ROLE_ARN);
        String externalId = r.string(AWS_ASSUME_ROLE_EXTERNAL_ID);
        String sessionName = r.string(AWS_ASSUME_ROLE_SESSION_NAME);
        if (arn == null) {
            for (Setting needsRole : List.of(AWS_ASSUME_ROLE_EXTERNAL_ID, AWS_ASSUME_ROLE_SESSION_NAME)) {
                if (r.string(needsRole) != null) {
                    r.problem(needsRole, r.string(needsRole), "needs AWS_ASSUME_ROLE_ARN");
                }
            }
            return null;
        }
        if (!AssumeRole.ROLE_ARN.matcher(arn).matches()) {
            r.problem(AWS_ASSUME_ROLE_ARN, arn, "is not an IAM role ARN such as arn:aws:iam::123456789012:role/clickstream-writer");
        }
        if (externalId != null && !AssumeRole.EXTERNAL_ID.matcher(externalId).matches()) {
            r.problem(AWS_ASSUME_ROLE_EXTERNAL_ID, null, "must be 2-1224 of letters, digits and +=,.@:/-");
        }
        if (sessionName != null && !AssumeRole.SESSION_NAME.matcher(sessionName).matches()) {
            r.problem(AWS_ASSUME_ROLE_SESSION_NAME, sessionName, "must be 2-64 of letters, digits and +=,.@-");
        }
        String host = values.getOrDefault("HOSTNAME", "").strip();
        String instance = (host.isEmpty() ? "" : host + "-") + ProcessHandle.current().pid();
        return new AssumeRole(arn, externalId, sessionName != null ? sessionName : AssumeRole.defaultSessionName(instance));
    }

    static ObjectSettings objectSettings(ConfigReader r) {
        String sseText = r.string(S3_SSE);
        var sse = sseText == null ? null : ObjectSettings.sse(sseText);
        if (sseText != null && sse == null) {
            r.problem(S3_SSE, sseText, "must be one of AES256, aws:kms, aws:kms:dsse");
        }
        String kmsKey = r.string(S3_SSE_KMS_KEY_ID);
        if (kmsKey != null && sseText != null && sse != null && !sse.toString().startsWith("aws:kms")) {
            r.problem(S3_SSE_KMS_KEY_ID, kmsKey, "needs S3_SSE=aws:kms or aws:kms:dsse, not " + sse);
        } else if (kmsKey != null && sseText == null) {
            r.problem(S3_SSE_KMS_KEY_ID, kmsKey, "needs S3_SSE=aws:kms or aws:kms:dsse");
        }
        String classText = r.string(S3_STORAGE_CLASS);
        var storageClass = classText == null ? null : ObjectSettings.storageClass(classText);
        if (classText != null && storageClass == null) {
            r.problem(S3_STORAGE_CLASS, classText, "is not an S3 storage class (STANDARD, STANDARD_IA, ONEZONE_IA, "
                    + "INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE, ...)");
        }
        String tagsText = r.string(S3_OBJECT_TAGS);
        Map<String, String> tags = tagsText == null ? Map.of()
                : ObjectSettings.tags(tagsText, problem -> r.problem(S3_OBJECT_TAGS, tagsText, problem));
        String aclText = r.string(S3_ACL);
        var acl = aclText == null ? null : ObjectSettings.acl(aclText);
        if (aclText != null && acl == null) {
            r.problem(S3_ACL, aclText, "is not a canned ACL (private, public-read, public-read-write, authenticated-read, "
                    + "aws-exec-read, bucket-owner-read, bucket-owner-full-control)");
        }
        return new ObjectSettings(sse, kmsKey, storageClass, tags, acl);
    }

    static boolean bool(ConfigReader r, Setting setting, boolean dflt) {
        String text = r.string(setting);
        if (text == null) {
            return dflt;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                r.problem(setting, text, "must be true or false");
                yield dflt;
            }
        };
    }
}
