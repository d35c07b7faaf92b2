package io.clickstream.sandbox.secure;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import io.clickstream.sandbox.testing.ConsumerEnv;
import io.clickstream.sandbox.testing.JarProcesses;
import io.clickstream.sandbox.testing.JarProcesses.JarProcess;
import io.clickstream.sandbox.testing.Names;
import io.clickstream.sandbox.testing.RecordingRelay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer's shipped jar finds its S3 credentials through each part of the AWS chain that needs the SDK's
 * sts, sso and ssooidc modules: web identity (EKS), a {@code role_arn} profile, an SSO profile, and
 * {@code AWS_ASSUME_ROLE_ARN} over static keys. STS and the SSO portal are a fake on a loopback port; the S3
 * requests pass a recording relay, which shows them signed with the session token the fake issued. Without the
 * modules on the jar's class path the SDK fails each of these before any request.
 */
class AwsIdentityIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = EmbeddedStackExtension.inMemoryS3();

    @RegisterExtension
    final JarProcesses consumers = JarProcesses.consumer();

    @TempDir
    Path home;

    private FakeAwsIdentity identity;
    private RecordingRelay s3;

    @BeforeEach
    void start() throws Exception {
        identity = FakeAwsIdentity.start(STACK.s3().accessKey(), STACK.s3().secretKey());
        s3 = RecordingRelay.start(STACK.s3().endpoint());
    }

    @AfterEach
    void stop() throws Exception {
        identity.close();
        s3.close();
    }

    @Test
    void aWebIdentityTokenAndRoleAsEksSetsThemAreExchangedWithSts() throws Exception {
        Path token = Files.writeString(home.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.web-identity.sig");
        Map<String, String> env = chainEnv("web-identity");
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/clickstream-irsa");
        env.put("AWS_ROLE_SESSION_NAME", "pod-1");

        runUntilIdle("web-identity", env);

        assertThat(identity.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("AssumeRoleWithWebIdentity");
            assertThat(call.parameters()).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/clickstream-irsa")
                    .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.web-identity.sig")
                    .containsEntry("RoleSessionName", "pod-1");
        });
        assertS3SignedWith(FakeAwsIdentity.sessionToken("AssumeRoleWithWebIdentity"));
    }

    @Test
    void aRoleArnProfileAssumesItsRoleWithTheSourceProfilesKeys() throws Exception {
        Path config = Files.writeString(home.resolve("config"), """
                [profile lake-writer]
                role_arn = arn:aws:iam::123456789012:role/lake-writer
                source_profile = base
                role_session_name = from-profile
                """);
        Path credentials = Files.writeString(home.resolve("credentials"), """
                [base]
                aws_access_key_id = AKIABASEEXAMPLE
                aws_secret_access_key = base-secret
                """);
        Map<String, String> env = chainEnv("role-arn-profile");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_PROFILE", "lake-writer");

        runUntilIdle("role-arn-profile", env);

        assertThat(identity.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("AssumeRole");
            assertThat(call.parameters()).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/lake-writer")
                    .containsEntry("RoleSessionName", "from-profile");
        });
        assertS3SignedWith(FakeAwsIdentity.sessionToken("AssumeRole"));
    }

    @Test
    void anSsoProfileWithACachedLoginGetsRoleCredentialsFromThePortal() throws Exception {
        Path config = Files.writeString(home.resolve("config"), """
                [profile sso-lake]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = LakeWriter
                region = us-east-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """);
        // What `aws sso login --sso-session corp` leaves behind: the cache file is named after the session.
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(cache.resolve(name + ".json"), """
                {"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1", "accessToken": "sso-access-token",
                 "expiresAt": "2099-01-01T00:00:00Z", "clientId": "client", "clientSecret": "client-secret",
                 "registrationExpiresAt": "2099-01-01T00:00:00Z", "refreshToken": "refresh"}
                """);
        Map<String, String> env = chainEnv("sso-profile");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_PROFILE", "sso-lake");
        env.put("HOME", home.toString());
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);

        runUntilIdle("sso-profile", env);

        assertThat(identity.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("GetRoleCredentials");
            assertThat(call.parameters()).containsEntry("account_id", "123456789012").containsEntry("role_name", "LakeWriter");
            assertThat(call.ssoBearerToken()).isEqualTo("sso-access-token");
        });
        assertS3SignedWith(FakeAwsIdentity.sessionToken("GetRoleCredentials"));
    }

    @Test
    void assumeRoleArnWrapsStaticKeysInAnStsAssumeRole() throws Exception {
        Map<String, String> env = chainEnv("assume-role");
        env.put("AWS_ACCESS_KEY_ID", "AKIASOURCEEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "source-secret");
        env.put("AWS_ASSUME_ROLE_ARN", "arn:aws:iam::210987654321:role/cross-account-lake");
        env.put("AWS_ASSUME_ROLE_EXTERNAL_ID", "shop-42");
        env.put("AWS_ASSUME_ROLE_SESSION_NAME", "clickstream-it");

        runUntilIdle("assume-role", env);

        assertThat(identity.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("AssumeRole");
            assertThat(call.parameters()).containsEntry("RoleArn", "arn:aws:iam::210987654321:role/cross-account-lake")
                    .containsEntry("ExternalId", "shop-42").containsEntry("RoleSessionName", "clickstream-it");
        });
        assertS3SignedWith(FakeAwsIdentity.sessionToken("AssumeRole"));
    }

    /** The consumer on an empty topic, S3 through the relay, STS and SSO at the fake, no keys of its own. */
    private Map<String, String> chainEnv(String slug) {
        var names = Names.of("aws-" + slug);
        STACK.kafka().createTopic(names.topic(), 1);
        STACK.s3().createBucket(names.bucket());
        Map<String, String> env = ConsumerEnv.of(STACK, names);
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_DEFAULT_REGION");
        env.put("AWS_REGION", "us-east-1"); // as EKS's pod identity webhook sets it
        env.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_STS", identity.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSO", identity.endpoint().toString());
        env.put("EXIT_WHEN_IDLE", "1s");
        env.put("DLQ_TOPIC", "");
        return env;
    }

    private void runUntilIdle(String slug, Map<String, String> env) throws Exception {
        JarProcess consumer = consumers.start("aws-" + slug, env);
        int exit = consumer.awaitExit(Duration.ofSeconds(90));
        assertThat(exit).as("the consumer found its credentials, the bucket, and exited idle; tail:%n%s", consumer.tail(30))
                .isZero();
    }

    private void assertS3SignedWith(String sessionToken) {
        assertThat(s3.requests()).as("S3 requests").isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("x-amz-security-token")).isEqualTo(sessionToken));
    }
}
