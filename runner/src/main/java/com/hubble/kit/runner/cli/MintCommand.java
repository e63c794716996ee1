package com.hubble.kit.runner.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.sso.ConfigUserDirectory;
import com.hubble.kit.reference.sso.HmacTokenVerifier;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import com.hubble.kit.reference.sso.SsoConfig;
import com.hubble.kit.reference.sso.SsoConfigException;
import com.hubble.kit.reference.sso.SsoConfigLoader;
import io.helidon.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import com.hubble.kit.runner.config.UsageError;

/** {@code hubble-kit mint}: prints one token the reference server (same config) accepts; the token is the product. */
@Command(name = "mint",
        mixinStandardHelpOptions = true,
        description = {
                "Prints one line of JSON {\"token\": \"...\", \"userId\": \"...\"}: a fresh single-use token that "
                        + "'hubble-kit serve' (same --config, or both without it) accepts once, within the token "
                        + "lifetime (120 s by default).",
                "With --count N, N such lines, each a different token (one JVM: fast enough to feed a load test).",
                "Needs only the signing key, so HUBBLE_SECRET is not required."})
public final class MintCommand implements Callable<ExitCode> {
    /** Where the environment comes from; tests replace it. */
    static Supplier<Map<String, String>> environment = System::getenv;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "ID", description = "User id to put in the token (default: ${DEFAULT-VALUE}).",
            defaultValue = ReferencePartner.DEMO_USER_ID)
    String user;

    @Option(names = "--expired", description = "Mint a well-signed token whose expiry has already passed.")
    boolean expired;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration shared with 'serve --config FILE'.")
    Path config;

    @Option(names = "--count", paramLabel = "N", description = "How many tokens to print, one JSON object per line "
            + "(default: ${DEFAULT-VALUE}; at most " + MAX_COUNT + ").", defaultValue = "1",
            converter = WholeNumber.Count.class)
    long count;

    static final long MAX_COUNT = 100_000_000L;

    @Override
    public ExitCode call() throws JsonProcessingException {
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageError("--count must be 1.." + MAX_COUNT + ", got " + count);
        }
        if (user.isBlank()) {
            throw new UsageError("--user must not be empty");
        }
        SsoConfig sso;
        try {
            Config loaded = config == null
                    ? SsoConfigLoader.demo(environment.get(), false)
                    : SsoConfigLoader.file(config, environment.get());
            sso = SsoConfig.from(loaded);
        } catch (SsoConfigException e) {
            throw new UsageError(e.getMessage());
        }
        if (new ConfigUserDirectory(sso.users()).find(user).isEmpty()) {
            spec.commandLine().getErr().println("hubble-kit mint: warning: user '" + user
                    + "' is not in the configured directory; the server will reject this token (401)");
        }
        HmacTokenVerifier tokens = new HmacTokenVerifier(sso.signingKeyBytes(), sso.audience(), sso.tokenLifetime(),
                Clock.systemUTC());
        ObjectMapper json = new ObjectMapper(); // here, not in a static field: --help must not load Jackson
        String userField = ", \"userId\": " + json.writeValueAsString(user) + "}" + System.lineSeparator();
        // Lines are gathered into large writes: a flush per line would cost more than minting the token.
        StringBuilder chunk = new StringBuilder(1 << 16);
        java.io.PrintWriter out = spec.commandLine().getOut();
        for (long i = 0; i < count; i++) {
            MintedToken token = expired ? tokens.mintExpired(user) : tokens.mint(user);
            chunk.append("{\"token\": ").append(json.writeValueAsString(token.token().reveal())).append(userField);
            if (chunk.length() > (1 << 16) - 512) {
                out.write(chunk.toString());
                chunk.setLength(0);
            }
        }
        out.write(chunk.toString());
        out.flush();
        if (out.checkError()) {
            // stdout closed early (e.g. piped into head): nothing more to say, and no stack trace.
            return ExitCode.USAGE;
        }
        return ExitCode.SUCCESS;
    }
}
