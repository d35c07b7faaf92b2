package io.clickstream.consumer.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

class ObjectSettingsTest {
    private static final ObjectSettings ALL = new ObjectSettings(ServerSideEncryption.AWS_KMS, "alias/lake",
            StorageClass.STANDARD_IA, tags("team", "data eng", "path", "a/b+c"), ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL);

    private static Map<String, String> tags(String... keysAndValues) {
        var tags = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    private static PutObjectRequest.Builder upload() {
        return PutObjectRequest.builder().bucket("b").key("k").metadata(Map.of("rows", "1"));
    }

    @Test
    void everySettingBecomesItsRequestFieldAndTheRestOfTheRequestStays() {
        PutObjectRequest request = ALL.applyTo(upload()).build();

        assertThat(request.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(request.ssekmsKeyId()).isEqualTo("alias/lake");
        assertThat(request.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(request.tagging()).isEqualTo("team=data%20eng&path=a%2Fb%2Bc");
        assertThat(request.acl()).isEqualTo(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL);
        assertThat(request.metadata()).containsEntry("rows", "1");
        assertThat(request.key()).isEqualTo("k");
    }

    @Test
    void noSettingsLeaveTheRequestAsItWas() {
        assertThat(ObjectSettings.NONE.applyTo(upload()).build()).isEqualTo(upload().build());
        assertThat(ObjectSettings.NONE.isEmpty()).isTrue();
        assertThat(ObjectSettings.NONE.describe()).isEqualTo("bucket defaults");
    }

    @Test
    void theInterceptorAddsTheSettingsToUploadsOnly() {
        var interceptor = new ObjectSettingsInterceptor(ALL);
        SdkRequest put = interceptor.modifyRequest(context(upload().build()), new ExecutionAttributes());
        SdkRequest head = HeadBucketRequest.builder().bucket("b").build();

        assertThat(((PutObjectRequest) put).serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(interceptor.modifyRequest(context(head), new ExecutionAttributes())).isSameAs(head);
    }

    @ParameterizedTest
    @CsvSource({"AES256, AES256", "aws:kms, aws:kms", "AWS:KMS:DSSE, aws:kms:dsse", "aes, ", "aws:fsx, "})
    void encryptionIsOneOfTheThreeS3Offers(String text, String expected) {
        ServerSideEncryption sse = ObjectSettings.sse(text);

        assertThat(sse == null ? null : sse.toString()).isEqualTo(expected);
    }

    @Test
    void storageClassesAndAclsAreTakenInAnyCase() {
        assertThat(ObjectSettings.storageClass("glacier_ir")).isEqualTo(StorageClass.GLACIER_IR);
        assertThat(ObjectSettings.storageClass("COLD")).isNull();
        assertThat(ObjectSettings.acl("Bucket-Owner-Full-Control")).isEqualTo(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL);
        assertThat(ObjectSettings.acl("everyone")).isNull();
    }

    @Test
    void tagsAreKeyValuePairsInTheirOrder() {
        List<String> problems = new ArrayList<>();

        assertThat(ObjectSettings.tags(" team = data , cost-center=42,empty=", problems::add))
                .containsExactly(Map.entry("team", "data"), Map.entry("cost-center", "42"), Map.entry("empty", ""));
        assertThat(problems).isEmpty();
    }

    @Test
    void badTagsAreOneProblemEach() {
        assertThat(problemsOf("team")).containsExactly("expected key=value[,key=value...]; 'team' is not");
        assertThat(problemsOf("=x")).containsExactly("expected key=value[,key=value...]; '=x' is not");
        assertThat(problemsOf("k=" + "v".repeat(257))).singleElement().asString().contains("at most 128", "256");
        assertThat(problemsOf("k=a;b")).singleElement().asString().contains("letters, digits, spaces");
        assertThat(problemsOf("k=1,k=2")).containsExactly("tag 'k' is given twice");
        assertThat(problemsOf("aws:x=1")).singleElement().asString().contains("aws: prefix");
        assertThat(problemsOf("a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11"))
                .containsExactly("S3 allows at most 10 tags per object, not 11");
    }

    private static List<String> problemsOf(String text) {
        List<String> problems = new ArrayList<>();
        assertThat(ObjectSettings.tags(text, problems::add)).isEmpty();
        return problems;
    }

    private static Context.ModifyRequest context(SdkRequest request) {
        return () -> request;
    }
}
