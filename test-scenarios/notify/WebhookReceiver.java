// TEST FIXTURE for the notify scenario, not part of the product: a webhook receiver
// (what Slack, Mattermost or healthchecks.io are to pgctl). It answers every request
// 200 and appends it, as one JSON line {"method", "path", "body"}, to the file named
// by RECORD (default /tmp/requests.jsonl), which the scenario reads. It prints nothing
// of a request: paths hold the test's tokens, and container logs are audited for them.
// GET /health answers 200 and is not recorded (the compose healthcheck).
// Runs with the JDK's source launcher (in the S3 fixture image): java WebhookReceiver.java
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class WebhookReceiver {
    static final Path RECORD = Path.of(System.getenv().getOrDefault("RECORD", "/tmp/requests.jsonl"));

    public static void main(String[] args) throws Exception {
        Files.writeString(RECORD, "");
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 64);
        server.createContext("/", WebhookReceiver::handle);
        server.start();
        System.out.println("webhook receiver listening on 8080");
    }

    static synchronized void record(String line) throws IOException {
        Files.writeString(RECORD, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        if (!path.equals("/health")) {
            record("{\"method\":" + quote(ex.getRequestMethod()) + ",\"path\":" + quote(path) + ",\"body\":" + quote(body) + "}");
        }
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
