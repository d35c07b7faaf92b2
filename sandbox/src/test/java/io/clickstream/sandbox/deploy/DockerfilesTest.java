package io.clickstream.sandbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.sandbox.deploy.Dockerfile.Instruction;
import io.clickstream.sandbox.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dockerfile.producer and Dockerfile.consumer, checked without Docker: they copy the jar the Maven
 * build really produces (the sandbox module is built after both apps, so the jars exist by now),
 * run it as a non-root user, and start java so that SIGTERM reaches it.
 */
class DockerfilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dockerfile dockerfile(String app) {
        return Dockerfile.parse(RepoFiles.read("Dockerfile." + app));
    }

    /** {@code COPY --from=build <jar> <destination>} of the runtime stage, as its two paths. */
    private static String[] copiedJar(Dockerfile file) {
        List<Instruction> copies = file.runtime().all("COPY").stream()
                .filter(c -> c.arguments().startsWith("--from=build ")).toList();
        assertThat(copies).as("the runtime stage takes exactly one file from the build stage").hasSize(1);
        String[] words = copies.get(0).arguments().split("\\s+");
        assertThat(words).hasSize(3);
        return new String[] {words[1], words[2]};
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void runtimeStageCopiesTheJarTheMavenBuildProduces(String app) throws IOException {
        Dockerfile file = dockerfile(app);
        String workdir = file.stage("build").last("WORKDIR").arguments();
        String source = copiedJar(file)[0];
        assertThat(source).startsWith(workdir + "/");

        String inRepository = source.substring(workdir.length() + 1);
        assertThat(inRepository).isEqualTo(app + "/target/clickstream-" + app + ".jar");
        Path jar = RepoFiles.path(inRepository);
        assertThat(jar).as("built by `mvn package` of module " + app + ", which runs before the sandbox's tests")
                .isRegularFile();
        try (var opened = new JarFile(jar.toFile())) {
            String mainClass = opened.getManifest().getMainAttributes().getValue("Main-Class");
            assertThat(mainClass).as("a runnable jar").startsWith("io.clickstream." + app + ".");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void buildStageFetchesDependenciesBeforeItCopiesTheSources(String app) {
        Stage build = dockerfile(app).stage("build");
        List<Instruction> copies = build.all("COPY");
        Instruction firstSourceCopy = copies.stream().filter(c -> c.arguments().contains("/src")).findFirst().orElseThrow();
        Instruction firstMaven = build.all("RUN").stream().filter(r -> r.arguments().startsWith("mvn ")).findFirst().orElseThrow();

        assertThat(build.indexOf(firstMaven)).as("a dependency layer that a source change leaves cached")
                .isLessThan(build.indexOf(firstSourceCopy));
        assertThat(firstMaven.arguments()).contains("-pl " + app, "-am");
        List<Instruction> pomCopies = copies.subList(0, copies.indexOf(firstSourceCopy));
        assertThat(pomCopies).anyMatch(c -> c.arguments().startsWith("pom.xml "));
        assertThat(RepoFiles.modules()).contains("common", app);
        for (String module : RepoFiles.modules()) {
            assertThat(pomCopies).as("Maven reads every module's pom, also with -pl: " + module + "/pom.xml")
                    .anyMatch(c -> c.arguments().startsWith(module + "/pom.xml "));
        }
        assertThat(build.last("RUN").arguments()).contains("-DskipTests", "package");
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void runsAsANonRootUser(String app) {
        Stage runtime = dockerfile(app).runtime();
        String user = runtime.last("USER").arguments().split(":")[0];
        assertThat(user).isNotIn("root", "0");
        assertThat(runtime.indexOf(runtime.last("USER"))).as("USER comes after the last RUN, which needs root")
                .isGreaterThan(runtime.indexOf(runtime.last("RUN")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void startsJavaInExecFormSoSigtermReachesTheJvm(String app) throws IOException {
        Dockerfile file = dockerfile(app);
        String entrypoint = file.runtime().last("ENTRYPOINT").arguments();
        assertThat(entrypoint).as("exec form: a JSON array, no shell in between").startsWith("[");
        List<String> command = Arrays.asList(JSON.readValue(entrypoint, String[].class));

        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command).containsSequence("-jar", copiedJar(file)[1]);
        assertThat(file.runtime().all("CMD")).as("flags are appended by `docker run <image> --flag`").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void heapFollowsTheContainersMemoryLimit(String app) {
        assertThat(dockerfile(app).runtime().all("ENV")).anySatisfy(env ->
                assertThat(env.arguments()).contains("JAVA_TOOL_OPTIONS=").containsPattern("-XX:MaxRAMPercentage=\\d+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer"})
    void baseImagesArePinned(String app) {
        Dockerfile file = dockerfile(app);
        assertThat(file.stages()).hasSize(2);
        assertThat(file.stages().get(0).image()).startsWith("maven:").matches(".*:\\d+\\.\\d+\\.\\d+-eclipse-temurin-17");
        // The consumer runs on Java 25 for its AOT cache; the producer stays on 17. Both pinned to a release and build.
        String java = app.equals("consumer") ? "25" : "17";
        assertThat(file.runtime().image()).matches("eclipse-temurin:" + java + "\\.\\d+\\.\\d+_\\d+-jre-\\w+");
    }

    @Test
    void theConsumerStartsWithTheAotCacheItsTrainingMadeAndTheSameOptions() throws Exception {
        Stage runtime = dockerfile("consumer").runtime();
        List<String> entrypoint = Arrays.asList(JSON.readValue(runtime.last("ENTRYPOINT").arguments(), String[].class));
        String training = runtime.all("RUN").stream().map(Instruction::arguments)
                .filter(r -> r.contains("ClassDataTraining")).findFirst().orElseThrow();

        assertThat(entrypoint).contains("-XX:AOTCache=/app/clickstream-consumer.aot", "--enable-native-access=ALL-UNNAMED");
        assertThat(training).contains("-XX:AOTCacheOutput=/app/clickstream-consumer.aot")
                .as("the cache holds only for the module options it was made with").contains("--enable-native-access=ALL-UNNAMED")
                .as("the build fails when the cache does not map").contains("-XX:AOTMode=on");
    }

    @Test
    void consumerHealthcheckAsksTheHealthEndpointWithoutCurl() {
        Stage runtime = dockerfile("consumer").runtime();
        String healthcheck = runtime.last("HEALTHCHECK").arguments();
        assertThat(healthcheck).contains("/health ", "METRICS_PORT", "/dev/tcp/").doesNotContain("curl", "wget");
        assertThat(healthcheck).as("asks where the endpoint listens").contains("METRICS_HOST");
        assertThat(runtime.last("EXPOSE").arguments()).isEqualTo("9404");
    }

    @Test
    void dockerignoreKeepsBuildOutputDataAndSecretsOutOfTheContext() {
        List<String> ignored = RepoFiles.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target", "lake", ".git", "logs", ".env");
    }
}
