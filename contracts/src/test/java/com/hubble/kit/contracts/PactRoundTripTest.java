package com.hubble.kit.contracts;

import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pact JVM loses nothing: each pact, loaded with its model classes and written back as V4, has the same
 * interactions (descriptions, states, requests, responses, matching rules, generators, comments) as the file.
 */
class PactRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} survives a load and a V4 write by Pact JVM unchanged")
    @ValueSource(strings = {Pacts.SSO, Pacts.PARTNER_API})
    void pactJvmWritesBackTheSameInteractions(String file) throws Exception {
        // Pact JVM's own JSON writer, as it writes pact files.
        String serialised = Json.INSTANCE.toJson(Pacts.load(file).toMap(PactSpecVersion.V4)).serialise();
        JsonNode written = JSON.readTree(serialised);
        JsonNode committed = JSON.readTree(Pacts.moduleDir().resolve(file).toFile());
        assertEquals(comparable(committed), comparable(written), file);
    }

    /** The interactions without the fields Pact JVM derives on write (the interaction key). */
    private static JsonNode comparable(JsonNode pact) {
        JsonNode interactions = pact.path("interactions").deepCopy();
        interactions.forEach(interaction -> ((ObjectNode) interaction).remove("key"));
        return interactions;
    }
}
