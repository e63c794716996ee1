package com.hubble.kit.reference.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import au.com.dius.pact.consumer.ConsumerPactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import org.junit.jupiter.api.Test;

/**
 * The committed contracts/partner-client-hubble-partner-api.json and HubbleClient's consumer test describe the same
 * interactions: descriptions, provider states, methods, paths and status codes.
 */
class PartnerClientPactFileTest {
    static final String COMMITTED = "contracts/partner-client-hubble-partner-api.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedPactHasExactlyTheConsumerTestsInteractions() throws Exception {
        JsonNode committed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(COMMITTED)) {
            assertNotNull(in, COMMITTED + " is not on the classpath (contracts module)");
            committed = JSON.readTree(in);
        }
        assertEquals(HubbleClientPactTest.CONSUMER, committed.path("consumer").path("name").asText());
        assertEquals(HubbleClientPactTest.PROVIDER, committed.path("provider").path("name").asText());
        assertEquals(summaries(committed), summaries(consumerTestPact()));
    }

    @Test
    void theComparisonNoticesAChangedStatusCode() throws Exception {
        JsonNode generated = consumerTestPact();
        JsonNode changed = generated.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("interactions").get(0).path("response"))
                .put("status", 299);
        org.junit.jupiter.api.Assertions.assertNotEquals(summaries(generated), summaries(changed));
    }

    /** Every interaction of every @Pact method of the consumer test, as the pact file it writes would hold them. */
    static JsonNode consumerTestPact() {
        HubbleClientPactTest test = new HubbleClientPactTest();
        List<Function<PactDslWithProvider, V4Pact>> methods = List.of(test::loginWithValidCredentials,
                test::loginWithWrongCredentials, test::loginWithMissingClientSecret, test::productsWithValidToken,
                test::productsWithExpiredToken);
        var interactions = JSON.createArrayNode();
        for (Function<PactDslWithProvider, V4Pact> method : methods) {
            V4Pact pact = method.apply(ConsumerPactBuilder.consumer(HubbleClientPactTest.CONSUMER)
                    .hasPactWith(HubbleClientPactTest.PROVIDER));
            JSON.valueToTree(pact.toMap(PactSpecVersion.V4)).path("interactions").forEach(interactions::add);
        }
        var pact = JSON.createObjectNode();
        pact.set("interactions", interactions);
        return pact;
    }

    /** "description | states | METHOD path -> status" per interaction; a set, since the consumer test repeats the login. */
    static Set<String> summaries(JsonNode pact) {
        Set<String> summaries = new TreeSet<>();
        for (JsonNode interaction : pact.path("interactions")) {
            List<String> states = new ArrayList<>();
            interaction.path("providerStates").forEach(s -> states.add(s.path("name").asText()));
            summaries.add(interaction.path("description").asText() + " | " + states + " | "
                    + interaction.path("request").path("method").asText() + " "
                    + interaction.path("request").path("path").asText() + " -> "
                    + interaction.path("response").path("status").asInt());
        }
        return summaries;
    }
}
