package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.hubble.kit.reference.Secret;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.config.PollingStrategies;

/**
 * Builds the server's {@link Config}: environment variables first (Helidon's mapping: {@code APP_SSO_SECRETS}
 * sets {@code app.sso.secrets}), then system properties, then the YAML file.
 */
public final class SsoConfigLoader {
    /** The production template on the classpath. */
    public static final String APPLICATION_RESOURCE = "sso-application.yaml";
    /** The demo configuration shared by {@code hubble-kit serve} and {@code hubble-kit mint}. */
    public static final String DEMO_RESOURCE = "sso-demo.yaml";
    /** The env var the demo configuration takes its shared secret from. */
    public static final String DEMO_SECRET_ENV = "HUBBLE_SECRET";
    /** How often a config file given with {@code --config} is re-read (secret rotation without restart). */
    public static final Duration FILE_POLL_INTERVAL = Duration.ofSeconds(2);

    private SsoConfigLoader() {
    }

    /** A YAML file plus env overrides; the file is polled so that a changed secret list takes effect live. */
    public static Config file(Path file, Map<String, String> env) {
        return file(file, env, Map.of(), FILE_POLL_INTERVAL);
    }

    /** As {@link #file(Path, Map)}, with {@code overrides} (config keys, e.g. {@code server.port}) above everything. */
    public static Config file(Path file, Map<String, String> env, Map<String, String> overrides) {
        return file(file, env, overrides, FILE_POLL_INTERVAL);
    }

    static Config file(Path file, Map<String, String> env, Duration pollInterval) {
        return file(file, env, Map.of(), pollInterval);
    }

    static Config file(Path file, Map<String, String> env, Map<String, String> overrides, Duration pollInterval) {
        if (!Files.isRegularFile(file)) {
            throw new SsoConfigException("config file not found: " + file);
        }
        return build(env, overrides, ConfigSources.file(file)
                .pollingStrategy(PollingStrategies.regular(pollInterval).build())
                .build(), file.toString());
    }

    /** The classpath template {@value #APPLICATION_RESOURCE} plus env overrides. */
    public static Config application(Map<String, String> env) {
        return build(env, Map.of(), ConfigSources.classpath(APPLICATION_RESOURCE).build(), APPLICATION_RESOURCE);
    }

    /**
     * The demo configuration: fixed signing key, demo-only users, loopback only, shared secret from
     * {@code HUBBLE_SECRET}. With {@code requireSecret} false (for {@code mint}) a missing secret is fine.
     */
    public static Config demo(Map<String, String> env, boolean requireSecret) {
        return demo(env, requireSecret, Map.of());
    }

    /** As {@link #demo(Map, boolean)}, with {@code overrides} (config keys) above everything. */
    public static Config demo(Map<String, String> env, boolean requireSecret, Map<String, String> overrides) {
        String secret = env.get(DEMO_SECRET_ENV);
        boolean haveSecret = secret != null && !secret.isBlank();
        if (requireSecret && !haveSecret && !env.containsKey("APP_SSO_SECRETS")) {
            throw new SsoConfigException(DEMO_SECRET_ENV + " is not set. The demo server accepts the shared secret "
                    + "from it (the value Hubble sends in X-Hubble-Secret): run  export " + DEMO_SECRET_ENV
                    + "=<any value>  and retry, or pass --config FILE.");
        }
        Map<String, String> extra = new java.util.HashMap<>();
        if (haveSecret && !env.containsKey("APP_SSO_SECRETS")) {
            extra.put("app.sso.secrets", secret);
        }
        extra.putAll(overrides);
        return build(env, extra, ConfigSources.classpath(DEMO_RESOURCE).build(), DEMO_RESOURCE);
    }

    /** The demo configuration without any environment, for {@link ReferencePartner}. */
    static Config demoIsolated(Secret sharedSecret) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(Map.of(
                                "app.sso.secrets", sharedSecret.reveal(),
                                "server.port", "0",
                                "server.host", "127.0.0.1")).build(),
                        ConfigSources.classpath(DEMO_RESOURCE).build())
                .build();
    }

    /** The demo signing key, so that a production config using it can be refused. */
    static Secret demoSigningKey() {
        try (InputStream in = SsoConfigLoader.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_RESOURCE + " is missing from the classpath");
            }
            Config demo = Config.just(ConfigSources.create(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML));
            return Secret.of(demo.get("app.sso.signing.key").asString().get().trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEMO_RESOURCE, e);
        }
    }

    private static Config build(Map<String, String> env, Map<String, String> overrides,
                                io.helidon.config.spi.ConfigSource yaml, String yamlName) {
        try {
            Config config = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .sources(List.of(
                            () -> ConfigSources.create(overrides, "command-line").build(),
                            () -> ConfigSources.create(EnvironmentVariables.expand(env), "environment-variables").build(),
                            () -> ConfigSources.systemProperties().build(),
                            () -> yaml))
                    .build();
            config.get("app").exists(); // forces the YAML to be parsed here, where its errors get a clear message
            return config;
        } catch (ConfigException e) {
            throw new SsoConfigException("cannot read " + yamlName + " (is it valid YAML?)");
        }
    }
}
