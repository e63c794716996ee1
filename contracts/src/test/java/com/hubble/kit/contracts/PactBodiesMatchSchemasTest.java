package com.hubble.kit.contracts;

import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.V4Interaction;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubble.kit.schemas.Schemas;
import com.hubble.kit.schemas.Violation;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example body in every pact validates against the schema of its message (via {@link Schemas}); the
 * deliberately malformed requests (empty token, missing clientSecret) are rejected by theirs. An interaction
 * added to a pact without an entry here fails, so no example escapes its schema.
 */
class PactBodiesMatchSchemasTest {

    /** What each interaction's parts are: schema names, or null when that part has no JSON body to judge. */
    private record Messages(String requestSchema, boolean requestIsValid, String headersSchema, String responseSchema) {
    }

    private static final Map<String, Messages> MESSAGES = Map.ofEntries(
            Map.entry("a request with a valid token", new Messages("sso-request", true, null, "sso-response")),
            Map.entry("a request with an invalid token", new Messages("sso-request", true, null, "sso-rejection")),
            Map.entry("a request with an expired token", new Messages("sso-request", true, null, "sso-rejection")),
            Map.entry("a request with an empty token", new Messages("sso-request", false, null, null)),
            // No response body: like sso.secret.missing, the pact does not assert one (a framework's 400 page is fine).
            Map.entry("a request without the X-Hubble-Secret header", new Messages("sso-request", true, null, null)),
            Map.entry("a login with valid credentials", new Messages("login-request", true, null, "login-response")),
            Map.entry("a login with wrong credentials", new Messages("login-request", true, null, "hubble-error")),
            Map.entry("a login with a missing clientSecret", new Messages("login-request", false, null, "hubble-error")),
            Map.entry("a products listing with a valid token",
                    new Messages(null, true, "authenticated-request-headers", "products-page")),
            Map.entry("a products listing with an expired token",
                    new Messages(null, true, "authenticated-request-headers", "hubble-error")));

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicNode> everyPactExampleBodyValidatesAgainstItsSchema() {
        List<DynamicNode> tests = new ArrayList<>();
        for (String file : Pacts.ALL) {
            for (V4Interaction.SynchronousHttp interaction : Pacts.httpInteractions(Pacts.load(file))) {
                String description = interaction.getDescription();
                Messages messages = MESSAGES.get(description);
                String where = file + ": " + description;
                tests.add(DynamicTest.dynamicTest(where + " names the schemas of its messages",
                        () -> assertNotNull(messages, where + " has no entry in PactBodiesMatchSchemasTest.MESSAGES")));
                if (messages == null) {
                    continue;
                }
                OptionalBody requestBody = interaction.getRequest().getBody();
                if (messages.requestSchema() != null) {
                    tests.add(DynamicTest.dynamicTest(where + ": the request body "
                            + (messages.requestIsValid() ? "validates against " : "is rejected by ")
                            + messages.requestSchema(), () -> {
                        assertTrue(requestBody.isPresent(), where + " has no request body");
                        List<Violation> violations = Schemas.validate(messages.requestSchema(), requestBody.valueAsString());
                        if (messages.requestIsValid()) {
                            assertEquals(List.of(), violations, where + " request body");
                        } else {
                            assertFalse(violations.isEmpty(), where + " request body should break " + messages.requestSchema());
                            assertTrue(violations.stream().noneMatch(v -> v.keyword().equals("json")), violations::toString);
                        }
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(where + ": the request has no body",
                            () -> assertFalse(requestBody.isPresent(), where + " has an unexpected request body")));
                }
                if (messages.headersSchema() != null) {
                    tests.add(DynamicTest.dynamicTest(where + ": the request headers validate against "
                            + messages.headersSchema(), () -> {
                        ObjectNode headers = JSON.createObjectNode();
                        interaction.getRequest().getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
                        assertEquals(List.of(), Schemas.validate(messages.headersSchema(), headers), where + " request headers");
                    }));
                }
                OptionalBody responseBody = interaction.getResponse().getBody();
                if (messages.responseSchema() != null) {
                    tests.add(DynamicTest.dynamicTest(where + ": the response body validates against "
                            + messages.responseSchema(), () -> {
                        assertTrue(responseBody.isPresent(), where + " has no response body");
                        assertEquals(List.of(), Schemas.validate(messages.responseSchema(), responseBody.valueAsString()),
                                where + " response body");
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(where + ": the response body is not asserted",
                            () -> assertFalse(responseBody.isPresent(), where + " has a response body but no schema for it")));
                }
            }
        }
        return tests;
    }
}
