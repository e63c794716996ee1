package com.hubble.kit.runner.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import com.hubble.kit.reference.StartFailure;
import com.hubble.kit.reference.sso.Main;
import com.hubble.kit.reference.sso.SsoConfigException;
import com.hubble.kit.reference.sso.SsoConfigLoader;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import com.hubble.kit.runner.config.UsageError;

/** {@code hubble-kit serve}: runs the reference partner /sso server until killed. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the reference partner /sso server and prints its base URL on stdout once it listens.",
                "Without --config it uses the demo configuration (loopback only, public signing key, demo users) "
                        + "and takes the shared secret from the environment variable HUBBLE_SECRET.",
                "Stop it with Ctrl-C or SIGTERM (graceful shutdown). See reference-impl/SSO.md."})
public final class ServeCommand implements Callable<ExitCode> {
    /** Where the environment comes from; tests replace it. */
    static Supplier<Map<String, String>> environment = System::getenv;
    /**
     * Called once the server listens; tests set it to stop instead of waiting forever (null: wait until killed).
     * No lambda taking a WebServer here: picocli reflects on this class for every command, and a method with
     * WebServer in its signature would load Helidon for {@code --help}.
     */
    static java.util.function.Consumer<WebServer> whenReady;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: the config's server.port, 8080 in the demo; 0 = any free port).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see reference-impl/SSO.md); re-read live for secret rotation.")
    Path config;

    @Option(names = "--redis-uri", paramLabel = "URI", description = "Keep used tokens in Redis (redis://HOST:PORT[/DB] "
            + "or rediss:// for TLS), shared by every instance pointed at it; the password, if any, from the environment "
            + "variable HUBBLE_SSO_REDIS_PASSWORD. Default: in this process's memory.")
    String redisUri;

    @Override
    public ExitCode call() {
        // One line per log record (access log included) unless the user configured JUL themselves.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageError("--port must be 0..65535, got " + port);
        }
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("server.port", Integer.toString(port));
        }
        if (redisUri != null) {
            overrides.put("app.sso.replay.store", "redis");
            overrides.put("app.sso.replay.redis.uri", redisUri);
        }
        KitLogging.quietFeatureBanner();
        WebServer server;
        Config loaded;
        try {
            loaded = config == null
                    ? SsoConfigLoader.demo(environment.get(), true, overrides)
                    : SsoConfigLoader.file(config, environment.get(), overrides);
            server = Main.start(loaded, environment.get());
        } catch (SsoConfigException e) {
            throw new UsageError(e.getMessage());
        } catch (StartFailure e) {
            throw StartFailureMessage.usageError(e); // the server is stopped: the process exits 2
        } catch (RuntimeException e) {
            // A setting Helidon refused as it built the server; say so without a stack trace.
            throw new UsageError("could not start the server: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        // Access lines are written off the request threads; the hook writes whatever is queued once the server stopped.
        Main.closeAfterStop(server, com.hubble.kit.reference.sso.AccessLog.writeAsynchronously(System.err));
        spec.commandLine().getOut().println(Main.baseUri(server, loaded));
        spec.commandLine().getOut().flush();
        if (whenReady == null) {
            awaitShutdown();
        } else {
            whenReady.accept(server);
        }
        return ExitCode.SUCCESS;
    }

    private static void awaitShutdown() {
        // Helidon's shutdown hook stops the server gracefully on SIGTERM / Ctrl-C; this thread just waits.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
