// TEST FIXTURE for the fault-wrong-creds scenario, not part of the product.
// S3Mock accepts any credentials, so this proxy stands in front of it and does
// what a real S3 service does: it checks each request's AWS Signature V4
// against one access key and secret, answers 403 SignatureDoesNotMatch (or
// InvalidAccessKeyId) when it does not match, and forwards the request to
// S3Mock's plain-HTTP port otherwise. It serves HTTPS on 9191 with the test
// certificate in the S3Mock fixture image (/srv/s3mock/server.p12, for "s3").
// Runs with the JDK's source launcher: java S3AuthProxy.java
// Environment: AUTH_KEY, AUTH_SECRET, UPSTREAM (http://host:port).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

public class S3AuthProxy {
    static final String KEY = System.getenv("AUTH_KEY");
    static final String SECRET = System.getenv("AUTH_SECRET");
    static final String UPSTREAM = System.getenv().getOrDefault("UPSTREAM", "http://s3-store:9090");
    static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/([0-9]{8})/([^/]+)/([^/]+)/aws4_request,\\s*SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]+)");
    // headers java.net.http sets itself
    static final Set<String> SKIP_REQ = Set.of("connection", "content-length", "expect", "host", "upgrade", "authorization");
    static final Set<String> SKIP_RSP = Set.of("connection", "content-length", "transfer-encoding", "date", "keep-alive");
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        if (KEY == null || SECRET == null || KEY.isEmpty() || SECRET.isEmpty()) {
            throw new IllegalStateException("AUTH_KEY and AUTH_SECRET are required");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        char[] pw = "fixture".toCharArray();
        try (InputStream in = new FileInputStream("/srv/s3mock/server.p12")) {
            ks.load(in, pw);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(9191), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", S3AuthProxy::handle);
        server.start();
        System.out.println("s3-auth-proxy: listening on 9191, forwarding to " + UPSTREAM);
    }

    static void handle(HttpExchange ex) {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String refusal = refusal(ex);
            if (refusal != null) {
                System.out.println("s3-auth-proxy: 403 " + refusal + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + refusal + "</Code><Message>"
                        + (refusal.equals("InvalidAccessKeyId") ? "The AWS Access Key Id you provided does not exist in our records."
                                : "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
                        + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                if (ex.getRequestMethod().equals("HEAD")) {
                    ex.sendResponseHeaders(403, -1);
                } else {
                    ex.sendResponseHeaders(403, xml.length);
                    ex.getResponseBody().write(xml);
                }
                return;
            }
            String q = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(UPSTREAM + ex.getRequestURI().getRawPath() + (q == null ? "" : "?" + q)))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!SKIP_REQ.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        rb.header(h.getKey(), v);
                    }
                }
            }
            HttpResponse<byte[]> rsp = CLIENT.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (Map.Entry<String, List<String>> h : rsp.headers().map().entrySet()) {
                String k = h.getKey().toLowerCase(Locale.ROOT);
                if (!SKIP_RSP.contains(k) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(h.getKey(), new ArrayList<>(h.getValue()));
                }
            }
            byte[] out = rsp.body();
            if (ex.getRequestMethod().equals("HEAD")) {
                rsp.headers().firstValue("content-length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
                ex.sendResponseHeaders(rsp.statusCode(), -1);
            } else if (out.length == 0) {
                ex.sendResponseHeaders(rsp.statusCode(), -1);
            } else {
                ex.sendResponseHeaders(rsp.statusCode(), out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (Exception e) {
            System.out.println("s3-auth-proxy: error " + e);
        }
    }

    /** null when the request is signed with AUTH_KEY and AUTH_SECRET, else the S3 error code. */
    static String refusal(HttpExchange ex) throws Exception {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher m = auth == null ? null : AUTH.matcher(auth);
        if (m == null || !m.find()) {
            return "AccessDenied";
        }
        if (!m.group(1).equals(KEY)) {
            return "InvalidAccessKeyId";
        }
        String date = m.group(2), region = m.group(3), service = m.group(4), signed = m.group(5), signature = m.group(6);
        StringBuilder canonical = new StringBuilder();
        canonical.append(ex.getRequestMethod()).append('\n');
        canonical.append(ex.getRequestURI().getRawPath()).append('\n');
        String q = ex.getRequestURI().getRawQuery();
        List<String> params = new ArrayList<>();
        if (q != null && !q.isEmpty()) {
            for (String p : q.split("&")) {
                params.add(p.contains("=") ? p : p + "=");
            }
        }
        params.sort(null);
        canonical.append(String.join("&", params)).append('\n');
        for (String h : signed.split(";")) {
            String v = ex.getRequestHeaders().getFirst(h);
            canonical.append(h).append(':').append(v == null ? "" : v.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(signed).append('\n');
        String payload = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
        canonical.append(payload == null ? "UNSIGNED-PAYLOAD" : payload);
        String amzDate = ex.getRequestHeaders().getFirst("x-amz-date");
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(k, toSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))
                ? null : "SignatureDoesNotMatch";
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
