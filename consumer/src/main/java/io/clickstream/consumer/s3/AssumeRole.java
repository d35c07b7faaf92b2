package io.clickstream.consumer.s3;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The role the consumer assumes with STS before it talks to S3, over whatever credentials it found first
 * (static keys, web identity, a profile, the instance's role).
 *
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param sessionName shows in CloudTrail as who wrote the objects
 */
public record AssumeRole(String roleArn, String externalId, String sessionName) {
    /** An IAM role ARN in any partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    /** STS's rules for a role session name. */
    public static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** STS's rules for an external id. */
    public static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public AssumeRole {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /** {@code clickstream-consumer-<host>-<pid>}, cut and cleaned to STS's rules. */
    public static String defaultSessionName(String instanceName) {
        String name = ("clickstream-consumer-" + instanceName).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    @Override
    public String toString() {
        return roleArn + " as " + sessionName + (externalId == null ? "" : " (with external id)");
    }
}
