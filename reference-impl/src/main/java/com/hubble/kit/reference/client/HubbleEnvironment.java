package com.hubble.kit.reference.client;

import java.net.URI;
import java.util.Locale;

/** Hubble's two environments and their base URLs; switching is a config change. */
public enum HubbleEnvironment {
    STAGING("https://api.dev.myhubble.money"),
    PRODUCTION("https://api.myhubble.money");

    private final URI baseUri;

    HubbleEnvironment(String baseUri) {
        this.baseUri = URI.create(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** "staging" or "production", any case. */
    public static HubbleEnvironment parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ClientConfigurationException("unknown Hubble environment '" + name
                    + "': use staging or production, or set HUBBLE_BASE_URL to an explicit base URL");
        }
    }
}
