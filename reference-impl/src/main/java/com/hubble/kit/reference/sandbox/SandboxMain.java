package com.hubble.kit.reference.sandbox;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** Runs the Hubble API sandbox on its own (config: classpath {@code sandbox.yaml}, overridable by environment). */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) {
        Config config = config();
        SandboxState state = SandboxState.create(SandboxSettings.fromConfig(config.get("app.sandbox")));
        WebServer server;
        try {
            server = com.hubble.kit.reference.ServerStart.start(WebServer.builder()
                    .config(config.get("server"))
                    .routing(routing -> routing(routing, state))
                    .build());
        } catch (com.hubble.kit.reference.StartFailure e) {
            System.err.println("sandbox: " + e.getMessage() + "; set SERVER_PORT to a free port (0 picks one)");
            System.exit(2);
            return;
        }
        System.out.println("Hubble API sandbox on http://127.0.0.1:" + server.port());
    }

    public static Config config() {
        return Config.builder()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.environmentVariables(), ConfigSources.classpath("sandbox.yaml"))
                .build();
    }

    /** The sandbox's routes; production and tests share them. */
    public static void routing(HttpRouting.Builder routing, SandboxState state) {
        routing.addFilter(new RecordingFilter(state))
                .register("/v1/partners/auth", new LoginService(state))
                .register("/v1/partners/products", new ProductsService(state))
                .any("/v1/partner", SandboxMain::singularPathHandler)
                .any("/v1/partner/*", SandboxMain::singularPathHandler)
                .any((req, res) -> ErrorReplies.send(req, res, Status.NOT_FOUND_404, "NOT_FOUND",
                        "No such endpoint: " + req.prologue().method().text() + " " + req.path().path(),
                        "the sandbox serves POST /v1/partners/auth/login and GET /v1/partners/products[/{id}]"));
    }

    private static void singularPathHandler(io.helidon.webserver.http.ServerRequest req,
                                            io.helidon.webserver.http.ServerResponse res) {
        String path = req.path().path();
        String plural = "/v1/partners" + path.substring("/v1/partner".length());
        ErrorReplies.send(req, res, Status.NOT_FOUND_404, "NOT_FOUND",
                "Not found: " + path + ". Partner endpoints are under /v1/partners/ (plural): use " + plural,
                "singular /v1/partner/ instead of /v1/partners/");
    }
}
