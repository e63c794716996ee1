package com.hubble.kit.reference.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
    private static final Config BUNDLED = Config.just(ConfigSources.classpath("client.yaml"));
    private static final Map<String, String> CREDENTIALS = Map.of("HUBBLE_CLIENT_ID", "id-1",
            "HUBBLE_CLIENT_SECRET", "secret-1");

    @Test
    void defaultsToStagingFromTheBundledConfig() {
        ClientSettings settings = ClientSettings.fromEnvironment(CREDENTIALS, BUNDLED);
        assertEquals(URI.create("https://api.dev.myhubble.money"), settings.baseUri());
        assertEquals(0.8, settings.refreshFraction());
    }

    @Test
    void switchesToProductionByEnvironmentName() {
        ClientSettings settings = ClientSettings.fromEnvironment(with("HUBBLE_ENVIRONMENT", "production"), BUNDLED);
        assertEquals(URI.create("https://api.myhubble.money"), settings.baseUri());
    }

    @Test
    void takesAnExplicitBaseUrlOverEverythingElseWithoutATrailingSlash() {
        Map<String, String> env = new java.util.HashMap<>(with("HUBBLE_BASE_URL", "http://127.0.0.1:9999/"));
        env.put("HUBBLE_ENVIRONMENT", "production");
        assertEquals(URI.create("http://127.0.0.1:9999"), ClientSettings.fromEnvironment(env, BUNDLED).baseUri());
    }

    @Test
    void refusesToStartWithoutCredentialsAndSaysWhichVariables() {
        ClientConfigurationException failure = assertThrows(ClientConfigurationException.class,
                () -> ClientSettings.fromEnvironment(Map.of("HUBBLE_CLIENT_ID", "id-1"), BUNDLED));
        assertEquals(true, failure.getMessage().contains("HUBBLE_CLIENT_SECRET"));
    }

    @Test
    void rejectsAnUnknownEnvironmentName() {
        assertThrows(ClientConfigurationException.class,
                () -> ClientSettings.fromEnvironment(with("HUBBLE_ENVIRONMENT", "prod-eu"), BUNDLED));
    }

    @Test
    void neverRendersTheSecret() {
        assertFalse(ClientSettings.fromEnvironment(CREDENTIALS, BUNDLED).toString().contains("secret-1"));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> env = new java.util.HashMap<>(CREDENTIALS);
        env.put(key, value);
        return env;
    }
}
