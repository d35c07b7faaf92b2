package io.clickstream.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.testing.NameServiceProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "10.0.0.1", "127.0.0.1", "192.168.1.1", "255.255.255.255"})
    void keepsAnIpv4AddressAsItIs(String ip) {
        assertThat(IpAddresses.isIpv4(ip)).isTrue();
        assertThat(IpAddresses.normalize(ip)).contains(ip);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.256", "999.1.1.1", "1234.1.1.1",
            "01.2.3.4", "1.2.3.00", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.", "a.b.c.d", "1.2.3.x", "1.2.3.-4",
            "1 .2.3.4", "1.2.3.4 ", "0x7f.0.0.1", "2130706433", "\uff11.2.3.4", "\u0661.\u0662.\u0663.\u0664"})
    void rejectsWhatIsNotADottedQuadWithoutLeadingZeros(String text) {
        assertThat(IpAddresses.isIpv4(text)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "::1, ::1",
            "::, ::",
            "2001:db8::1, 2001:db8::1",
            "2001:DB8::ABCD, 2001:db8::abcd",
            "FE80::1:2:3:4, fe80::1:2:3:4",
            "2001:0DB8:85A3:0000:0000:8A2E:0370:7334, 2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "::FFFF:192.0.2.128, ::ffff:192.0.2.128",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7::",
    })
    void lowercasesAnIpv6AddressWithoutRewritingIt(String ip, String expected) {
        assertThat(IpAddresses.isIpv6(ip)).isTrue();
        assertThat(IpAddresses.normalize(ip)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", ":", ":::", "1:2", "2001:db8::1::1", "12345::1", "gggg::1", "1:2:3:4:5:6:7:8:9",
            "::ffff:999.0.0.1", "[::1]", "fe80::1%eth0", "fe80::1%1", "::1 ", " ::1", "localhost", "example.com",
            "1.2.3.4:80", "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0", ".:", ".::1", "..:", ".1:2"})
    void rejectsWhatIsNotAnIpv6Literal(String text) {
        assertThat(IpAddresses.isIpv6(text)).isFalse();
        assertThat(IpAddresses.normalize(text)).isEmpty();
    }

    @Test
    void neverAsksTheNameServiceEvenForTextMadeOfIpv6Characters(@TempDir Path dir) throws Exception {
        // These names are in the hosts file, so any lookup would succeed and show up as "true".
        List<String> names = List.of(".:", ".::1", "..:", ".1:2", ".a:b", "a.b:c");
        var hosts = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            hosts.append("10.9.8.").append(i + 1).append(' ').append(names.get(i)).append('\n');
        }
        Path hostsFile = Files.writeString(dir.resolve("hosts"), hosts);

        List<String> lines = runProbe(hostsFile, names);

        assertThat(lines).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(names.get(i) + "\tfalse\tfalse");
        }
    }

    private static List<String> runProbe(Path hostsFile, List<String> args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djdk.net.hosts.file=" + hostsFile);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NameServiceProbe.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }
}
