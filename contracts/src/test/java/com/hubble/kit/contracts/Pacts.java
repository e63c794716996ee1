package com.hubble.kit.contracts;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.V4Interaction;

import java.nio.file.Path;
import java.util.List;

/** Loads the module's pact files with Pact JVM's own reader, as a partner's verifier would. */
final class Pacts {

    static final String SSO = "hubble-platform-partner-sso.json";
    static final String PARTNER_API = "partner-client-hubble-partner-api.json";
    static final List<String> ALL = List.of(SSO, PARTNER_API);

    private Pacts() {
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Pact load(String fileName) {
        return DefaultPactReader.INSTANCE.loadPact(moduleDir().resolve(fileName).toFile());
    }

    static List<V4Interaction.SynchronousHttp> httpInteractions(Pact pact) {
        return pact.getInteractions().stream().map(Pacts::http).toList();
    }

    static V4Interaction.SynchronousHttp interaction(Pact pact, String description) {
        return httpInteractions(pact).stream().filter(i -> i.getDescription().equals(description)).findFirst()
                .orElseThrow(() -> new AssertionError("no interaction '" + description + "' in the pact"));
    }

    private static V4Interaction.SynchronousHttp http(Interaction interaction) {
        if (interaction instanceof V4Interaction.SynchronousHttp http) {
            return http;
        }
        throw new AssertionError("not a V4 Synchronous/HTTP interaction: " + interaction);
    }
}
