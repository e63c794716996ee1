package com.hubble.kit.runner.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import com.hubble.kit.reference.sso.Main;
import com.hubble.kit.reference.sso.SsoConfigException;
import com.hubble.kit.reference.sso.SsoConfigLoader;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hubble-kit serve}: runs the reference partner /sso server until killed. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the reference partner /sso server and prints its base URL on stdout once it listens.",
                "Without --config it uses the demo configuration (loopback only, public signing key, demo users) "
                        + "and takes the shared secret from the environment variable HUBBLE_SECRET.",
                "Stop it with Ctrl-C or SIGTERM (graceful shutdown). See reference-impl/SSO.md."})
public final class ServeCommand implements Callable<Integer> {
    /** Where the environment comes from; tests replace it. */
    static Supplier<Map<String, String>> environment = System::getenv;
    /** Called once the server listens; tests replace it to stop instead of waiting forever. */
    static final java.util.function.Consumer<WebServer> WAIT_UNTIL_KILLED = server -> awaitShutdown();
    static java.util.function.Consumer<WebServer> whenReady = WAIT_UNTIL_KILLED;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: the config's server.port, 8080 in the demo; 0 = any free port).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see reference-impl/SSO.md); re-read live for secret rotation.")
    Path config;

    @Override
    public Integer call() {
        // One line per log record (access log included) unless the user configured JUL themselves.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        if (port != null && (port < 0 || port > 65535)) {
            spec.commandLine().getErr().println("hubble-kit serve: --port must be 0..65535, got " + port);
            return ExitCode.USAGE.code();
        }
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("server.port", Integer.toString(port));
        }
        WebServer server;
        Config loaded;
        try {
            loaded = config == null
                    ? SsoConfigLoader.demo(environment.get(), true, overrides)
                    : SsoConfigLoader.file(config, environment.get(), overrides);
            server = Main.start(loaded);
        } catch (SsoConfigException e) {
            spec.commandLine().getErr().println("hubble-kit serve: " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (RuntimeException e) {
            // Typically the port is taken; say so without a stack trace.
            spec.commandLine().getErr().println("hubble-kit serve: could not start the server: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return ExitCode.USAGE.code();
        }
        // Access lines are written off the request threads; the hook writes whatever is queued once the server stopped.
        Main.closeAfterStop(server, com.hubble.kit.reference.sso.AccessLog.writeAsynchronously(System.err));
        spec.commandLine().getOut().println(Main.baseUri(server, loaded));
        spec.commandLine().getOut().flush();
        whenReady.accept(server);
        return ExitCode.COMPLIANT.code();
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
