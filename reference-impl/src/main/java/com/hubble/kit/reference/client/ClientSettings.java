package com.hubble.kit.reference.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.hubble.kit.reference.Secret;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Where the client connects and with which credentials. The base URL comes from configuration (an environment name
 * or an explicit URL); the credentials only from the environment, never from a file in the repository.
 *
 * @param refreshFraction the fraction of expiresInSecs after which a cached token is replaced (Hubble recommends 0.8)
 */
public record ClientSettings(URI baseUri, String clientId, Secret clientSecret, double refreshFraction,
                             Duration timeout) {
    public static final String ENV_BASE_URL = "HUBBLE_BASE_URL";
    public static final String ENV_ENVIRONMENT = "HUBBLE_ENVIRONMENT";
    public static final String ENV_CLIENT_ID = "HUBBLE_CLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "HUBBLE_CLIENT_SECRET";
    public static final double RECOMMENDED_REFRESH_FRACTION = 0.8;

    public ClientSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (!(refreshFraction > 0 && refreshFraction <= 1)) {
            throw new ClientConfigurationException("refreshFraction must be in (0, 1], was " + refreshFraction);
        }
        String scheme = baseUri.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme) || baseUri.getHost() == null) {
            throw new ClientConfigurationException("the Hubble base URL must be an http(s) URL, was " + baseUri);
        }
    }

    public static ClientSettings of(URI baseUri, String clientId, Secret clientSecret) {
        return new ClientSettings(baseUri, clientId, clientSecret, RECOMMENDED_REFRESH_FRACTION,
                Duration.ofSeconds(10));
    }

    /** Reads {@code client.yaml} from the classpath, then the process environment. */
    public static ClientSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Config.just(ConfigSources.classpath("client.yaml")));
    }

    /**
     * Base URL: {@code HUBBLE_BASE_URL}, else {@code HUBBLE_ENVIRONMENT} (staging|production), else
     * {@code app.hubble.base-url}, else {@code app.hubble.environment} (default staging). Credentials:
     * {@code HUBBLE_CLIENT_ID}, {@code HUBBLE_CLIENT_SECRET}.
     */
    public static ClientSettings fromEnvironment(Map<String, String> env, Config config) {
        Config hubble = config.get("app.hubble");
        URI baseUri;
        if (present(env.get(ENV_BASE_URL))) {
            baseUri = uri(env.get(ENV_BASE_URL), ENV_BASE_URL);
        } else if (present(env.get(ENV_ENVIRONMENT))) {
            baseUri = HubbleEnvironment.parse(env.get(ENV_ENVIRONMENT)).baseUri();
        } else if (hubble.get("base-url").asString().filter(ClientSettings::present).isPresent()) {
            baseUri = uri(hubble.get("base-url").asString().get(), "app.hubble.base-url");
        } else {
            baseUri = HubbleEnvironment.parse(hubble.get("environment").asString().orElse("staging")).baseUri();
        }
        String clientId = env.get(ENV_CLIENT_ID);
        String clientSecret = env.get(ENV_CLIENT_SECRET);
        if (!present(clientId) || !present(clientSecret)) {
            throw new ClientConfigurationException("set " + ENV_CLIENT_ID + " and " + ENV_CLIENT_SECRET
                    + " (from Hubble onboarding; staging and production keys differ)");
        }
        return new ClientSettings(baseUri, clientId.strip(), Secret.of(clientSecret.strip()),
                hubble.get("refresh-fraction").asDouble().orElse(RECOMMENDED_REFRESH_FRACTION),
                Duration.ofSeconds(hubble.get("timeout-secs").asLong().orElse(10L)));
    }

    private static URI uri(String text, String source) {
        try {
            URI uri = URI.create(text.strip());
            String path = uri.getPath() == null ? "" : uri.getPath();
            return path.endsWith("/") ? URI.create(uri.toString().replaceAll("/+$", "")) : uri;
        } catch (IllegalArgumentException e) {
            throw new ClientConfigurationException(source + " is not a URL: " + text);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
