// The benchmark's baseline: a bare Helidon 4.5 SE server with the reference's response bytes and no logic.
// Run from bench/sso/run.sh as a single-file program on the runner's classpath:
//   java -cp "runner/target/dist/lib/*" bench/sso/BareServer.java
// It prints its base URL on stdout once it listens, like `hubble-kit serve`.
//   POST /reject  reads the whole body, answers 401 {"userId":null}             (the reference's rejection)
//   POST /profile reads the whole body, answers 200 with the demo user's profile (the reference's acceptance)
// Same headers as the reference: Content-Type, Cache-Control: no-store, (Pragma on 200), an X-REQUEST-ID.
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

public final class BareServer {
    private static final byte[] REJECTION = "{\"userId\":null}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROFILE = ("{\"userId\":\"test-user-123\",\"email\":\"testuser@example.com\",\"firstName\":\"Test\","
            + "\"lastName\":\"User\",\"phoneNumber\":\"1234567890\",\"cohorts\":[\"premium\",\"beta\"]}").getBytes(StandardCharsets.UTF_8);
    private static final String REQUEST_ID = "00000000-0000-4000-8000-000000000000";

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("io.helidon").setLevel(java.util.logging.Level.WARNING);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(args.length > 0 ? Integer.parseInt(args[0]) : 0)
                .shutdownHook(true)
                .featuresDiscoverServices(false)
                .routing(routing -> routing
                        .post("/reject", (req, res) -> answer(req, res, Status.UNAUTHORIZED_401, REJECTION))
                        .post("/profile", (req, res) -> {
                            res.header(HeaderNames.create("Pragma"), "no-cache");
                            answer(req, res, Status.OK_200, PROFILE);
                        }))
                .build()
                .start();
        System.out.println("http://127.0.0.1:" + server.port());
        System.out.flush();
    }

    private static void answer(ServerRequest req, ServerResponse res, Status status, byte[] body) throws IOException {
        try (InputStream in = req.content().inputStream()) {
            in.readAllBytes();
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-REQUEST-ID"), REQUEST_ID);
        res.send(body);
    }
}
