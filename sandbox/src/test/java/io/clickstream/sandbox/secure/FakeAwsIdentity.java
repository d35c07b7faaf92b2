package io.clickstream.sandbox.secure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STS and the SSO portal, as far as the AWS SDK's credential providers talk to them, on a loopback port: answers
 * AssumeRoleWithWebIdentity and AssumeRole (query protocol, XML) and GetRoleCredentials (JSON) with the embedded
 * S3's keys and a session token naming the call, and writes each call down. The SDK is pointed here with
 * {@code AWS_ENDPOINT_URL_STS} and {@code AWS_ENDPOINT_URL_SSO}, so no request leaves the machine.
 */
final class FakeAwsIdentity implements AutoCloseable {

    /** One call: the action (or "GetRoleCredentials"), its parameters, and the bearer token for SSO. */
    record Call(String action, Map<String, String> parameters, String ssoBearerToken) {
    }

    private final HttpServer server;
    private final String accessKey;
    private final String secretKey;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeAwsIdentity(HttpServer server, String accessKey, String secretKey) {
        this.server = server;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Hands out {@code accessKey}/{@code secretKey} (the embedded S3's) with a session token per call. */
    static FakeAwsIdentity start(String accessKey, String secretKey) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        var fake = new FakeAwsIdentity(server, accessKey, secretKey);
        server.createContext("/federation/credentials", fake::sso);
        server.createContext("/", fake::sts);
        server.start();
        return fake;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The session token this server issues for {@code action}. */
    static String sessionToken(String action) {
        return "fake-session-token-for-" + action;
    }

    private void sts(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "?");
        calls.add(new Call(action, form, null));
        if (!action.equals("AssumeRoleWithWebIdentity") && !action.equals("AssumeRole")) {
            respond(exchange, 400, "text/xml", "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>");
            return;
        }
        String xml = "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action + "Result>"
                + "<Credentials><AccessKeyId>" + accessKey + "</AccessKeyId><SecretAccessKey>" + secretKey
                + "</SecretAccessKey><SessionToken>" + sessionToken(action) + "</SessionToken>"
                + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/fake/session</Arn></AssumedRoleUser>"
                + "</" + action + "Result><ResponseMetadata><RequestId>fake-1</RequestId></ResponseMetadata></" + action + "Response>";
        respond(exchange, 200, "text/xml", xml);
    }

    private void sso(HttpExchange exchange) throws IOException {
        calls.add(new Call("GetRoleCredentials", parse(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token")));
        respond(exchange, 200, "application/json", "{\"roleCredentials\":{\"accessKeyId\":\"" + accessKey
                + "\",\"secretAccessKey\":\"" + secretKey + "\",\"sessionToken\":\"" + sessionToken("GetRoleCredentials")
                + "\",\"expiration\":4070908800000}}");
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return values;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
