package com.hubble.kit.runner.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.sso.probe.Settings;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code check} and {@code verify-pact} share: where the partner is, where its X-Hubble-Secret comes
 * from, the token commands, the request deadline and the plain-HTTP switch. {@code @Mixin TargetOptions target;}.
 */
public final class TargetOptions {
    static final String TOKEN_FORMS = "prints a bare token or {\"token\": \"...\", \"userId\": \"...\"}";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The partner's base URL; the kit calls URL + \"/sso\". Without it, check checks the embedded "
                    + "reference server.")
    String baseUrl;

    @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "HUBBLE_SECRET",
            description = "Environment variable holding the X-Hubble-Secret (default: ${DEFAULT-VALUE}).")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "PATH",
            description = "File holding the X-Hubble-Secret (one line; a trailing newline is ignored), instead of --secret-env.")
    Path secretFile;

    @Option(names = "--token-command", paramLabel = "CMD",
            description = "Run with sh -c once per valid token needed; " + TOKEN_FORMS + ".")
    String tokenCommand;

    @Option(names = "--expired-token-command", paramLabel = "CMD",
            description = "Run with sh -c once per expired token needed; same output forms as --token-command.")
    String expiredTokenCommand;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = Settings.TIMEOUT, converter = DurationConverter.class,
            description = "Deadline per request, whole exchange (default: ${DEFAULT-VALUE}). Forms: 500ms, 5s, 2m.")
    Duration timeout;

    @Option(names = "--allow-http", description = "Allow plain http:// for a non-loopback host.")
    boolean allowHttp;

    /** The validated --base-url (present: callers decide what its absence means). */
    URI baseUri() {
        return TargetInput.baseUrl(baseUrl, allowHttp);
    }

    /** The X-Hubble-Secret from --secret-file or the variable --secret-env names. */
    Secret secret() {
        return TargetInput.secret(secretFile, secretEnv, spec.commandLine().getParseResult().hasMatchedOption("--secret-env"),
                note -> spec.commandLine().getErr().println("hubble-kit: note: " + note));
    }
}
