package io.clickstream.sandbox;

import io.clickstream.sandbox.bench.BenchCommand;
import io.clickstream.sandbox.chaos.ChaosCommand;
import io.clickstream.sandbox.cli.RunCommand;
import io.clickstream.sandbox.cli.SessionsCommand;
import io.clickstream.sandbox.cli.UpCommand;
import io.clickstream.sandbox.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar clickstream-sandbox.jar <up|run|verify|sessions|...> [options]}: the pipeline without Docker. */
@Command(name = "clickstream-sandbox", mixinStandardHelpOptions = true, versionProvider = SandboxMain.Version.class,
        description = "An embedded Kafka broker (KRaft) and S3-compatible server, to run clickstream-pipeline without Docker.",
        subcommands = {UpCommand.class, RunCommand.class, VerifyCommand.class, SessionsCommand.class, ChaosCommand.class,
            BenchCommand.class})
public final class SandboxMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The producer and consumer jars on the class path bring their own logback.xml; name ours
        // explicitly so Logback neither guesses nor complains about duplicates.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sandbox-logback.xml");
        }
        System.exit(new CommandLine(new SandboxMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SandboxMain.class.getPackage().getImplementationVersion();
            return new String[] {"clickstream-sandbox " + (v == null ? "dev" : v)};
        }
    }
}
