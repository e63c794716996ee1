package com.hubble.kit.contracts;

import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.generators.Category;
import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import au.com.dius.pact.core.model.generators.UuidGenerator;
import au.com.dius.pact.core.model.matchingrules.MatchingRule;
import au.com.dius.pact.core.model.matchingrules.RegexMatcher;
import au.com.dius.pact.core.model.matchingrules.StatusCodeMatcher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both pacts load with Pact JVM's model classes and say exactly what API.md and issue 2 agreed. */
class PactFilesTest {

    @Test
    void bothPactsLoadAsV4PactsThatPactJvmFindsValidForV4() {
        for (String file : Pacts.ALL) {
            Pact pact = Pacts.load(file);
            assertInstanceOf(V4Pact.class, pact, file);
            assertEquals(List.of(), pact.validateForVersion(PactSpecVersion.V4), file);
            assertEquals("4.0", ((Map<?, ?>) pact.getMetadata().get("pactSpecification")).get("version"), file);
        }
    }

    @Test
    void theSsoPactIsHubblePlatformCallingPartnerSsoWithFiveInteractions() {
        Pact pact = Pacts.load(Pacts.SSO);
        assertEquals("hubble-platform", pact.getConsumer().getName());
        assertEquals("partner-sso", pact.getProvider().getName());
        assertEquals(List.of(
                "a request with a valid token",
                "a request with an invalid token",
                "a request with an expired token",
                "a request with an empty token",
                "a request without the X-Hubble-Secret header"), descriptions(pact));
    }

    @Test
    void thePartnerApiPactIsPartnerClientCallingHubblePartnerApiWithFiveInteractions() {
        Pact pact = Pacts.load(Pacts.PARTNER_API);
        assertEquals("partner-client", pact.getConsumer().getName());
        assertEquals("hubble-partner-api", pact.getProvider().getName());
        assertEquals(List.of(
                "a login with valid credentials",
                "a login with wrong credentials",
                "a login with a missing clientSecret",
                "a products listing with a valid token",
                "a products listing with an expired token"), descriptions(pact));
    }

    @Test
    void theValidTokenIsInjectedFromTheProviderStateForUserTestUser123() {
        var interaction = Pacts.interaction(Pacts.load(Pacts.SSO), "a request with a valid token");
        assertEquals(List.of(new ProviderState("a valid SSO token for user {userId}", Map.of("userId", "test-user-123"))),
                interaction.getProviderStates());
        assertProviderStateGenerator(interaction, Category.BODY, "$.token", "${token}");
        assertEquals("POST", interaction.getRequest().getMethod());
        assertEquals("/sso", interaction.getRequest().getPath());
        assertTrue(interaction.getRequest().getHeaders().containsKey("X-Hubble-Secret"));
        assertEquals(200, interaction.getResponse().getStatus());
    }

    @Test
    void theExpiredTokenIsInjectedFromItsOwnProviderState() {
        var interaction = Pacts.interaction(Pacts.load(Pacts.SSO), "a request with an expired token");
        assertEquals(List.of(new ProviderState("an expired SSO token for user {userId}", Map.of("userId", "test-user-123"))),
                interaction.getProviderStates());
        assertProviderStateGenerator(interaction, Category.BODY, "$.token", "${token}");
    }

    @Test
    void theMissingSecretRequestCarriesAValidTokenAndNoSecretAndExpects400Or401Or403WithAnyBody() {
        var interaction = Pacts.interaction(Pacts.load(Pacts.SSO), "a request without the X-Hubble-Secret header");
        assertEquals("a valid SSO token for user {userId}", interaction.getProviderStates().getFirst().getName());
        assertProviderStateGenerator(interaction, Category.BODY, "$.token", "${token}");
        assertTrue(interaction.getRequest().getHeaders().keySet().stream().noneMatch("X-Hubble-Secret"::equalsIgnoreCase));
        assertEquals(401, interaction.getResponse().getStatus());
        List<MatchingRule> rules = interaction.getResponse().getMatchingRules().rulesForCategory("status").allMatchingRules();
        assertEquals(1, rules.size());
        StatusCodeMatcher matcher = assertInstanceOf(StatusCodeMatcher.class, rules.getFirst());
        assertEquals(List.of(400, 401, 403), matcher.getValues(), "the missing-secret interaction accepts 400, 401 or 403");
        // Like sso.secret.missing, the pact judges no body and no Content-Type for a missing secret.
        assertTrue(interaction.getResponse().getBody().isMissing(), "no body asserted");
        assertTrue(interaction.getResponse().getHeaders().isEmpty(), "no response header asserted");
        assertTrue(interaction.getResponse().getMatchingRules().rulesForCategory("body").isEmpty(), "no body matcher");
        assertTrue(interaction.getResponse().getMatchingRules().rulesForCategory("header").isEmpty(), "no header matcher");
    }

    @Test
    void theEmptyAndInvalidTokenInteractionsAcceptStatus400Or401ThroughAStatusCodeMatcher() throws Exception {
        Pact pact = Pacts.load(Pacts.SSO);
        for (String description : List.of("a request with an empty token", "a request with an invalid token",
                "a request with an expired token")) {
            List<MatchingRule> rules = Pacts.interaction(pact, description).getResponse().getMatchingRules()
                    .rulesForCategory("status").allMatchingRules();
            assertEquals(1, rules.size(), description);
            StatusCodeMatcher matcher = assertInstanceOf(StatusCodeMatcher.class, rules.getFirst(), description);
            assertEquals(List.of(400, 401), matcher.getValues(), description);
        }
        String emptyTokenBody = Pacts.interaction(pact, "a request with an empty token").getRequest().getBody()
                .valueAsString();
        assertEquals("", new com.fasterxml.jackson.databind.ObjectMapper().readTree(emptyTokenBody).path("token").textValue());
    }

    @Test
    void everyJsonContentTypeIsMatchedByRegexSoAPartnerMayAddACharset() {
        for (String file : Pacts.ALL) {
            for (var interaction : Pacts.httpInteractions(Pacts.load(file))) {
                for (var part : List.of(interaction.getRequest().asHttpPart(), interaction.getResponse().asHttpPart())) {
                    if (!part.getHeaders().containsKey("Content-Type")) {
                        continue;
                    }
                    var rules = part.getMatchingRules().rulesForCategory("header").getMatchingRules().get("Content-Type");
                    assertNotNull(rules, file + ": " + interaction.getDescription() + " has no Content-Type matcher");
                    RegexMatcher regex = assertInstanceOf(RegexMatcher.class, rules.getRules().getFirst());
                    assertEquals("application/json.*", regex.getRegex());
                }
            }
        }
    }

    @Test
    void theProductsListingsSendABearerTokenFromTheProviderStateAndAFreshUuidRequestId() {
        Pact pact = Pacts.load(Pacts.PARTNER_API);
        Map<String, String> states = Map.of(
                "a products listing with a valid token", "a valid access token",
                "a products listing with an expired token", "an expired access token");
        states.forEach((description, state) -> {
            var interaction = Pacts.interaction(pact, description);
            assertEquals(List.of(state), interaction.getProviderStates().stream().map(ProviderState::getName).toList());
            assertEquals("GET", interaction.getRequest().getMethod());
            assertEquals("/v1/partners/products", interaction.getRequest().getPath());
            assertProviderStateGenerator(interaction, Category.HEADER, "Authorization", "Bearer ${accessToken}");
            Generator requestId = interaction.getRequest().getGenerators().getCategories().get(Category.HEADER)
                    .get("X-REQUEST-ID");
            assertInstanceOf(UuidGenerator.class, requestId, description);
            var rule = interaction.getRequest().getMatchingRules().rulesForCategory("header").getMatchingRules()
                    .get("X-REQUEST-ID").getRules().getFirst();
            assertTrue(((RegexMatcher) rule).getRegex().contains("[0-9a-fA-F]{8}-"), description);
        });
        assertEquals(200, Pacts.interaction(pact, "a products listing with a valid token").getResponse().getStatus());
        assertEquals(401, Pacts.interaction(pact, "a products listing with an expired token").getResponse().getStatus());
    }

    @Test
    void theLoginsUseTheSandboxCredentialsAndExpectTheAgreedStatuses() {
        Pact pact = Pacts.load(Pacts.PARTNER_API);
        Map<String, Integer> statuses = Map.of(
                "a login with valid credentials", 200,
                "a login with wrong credentials", 401,
                "a login with a missing clientSecret", 400);
        statuses.forEach((description, status) -> {
            var interaction = Pacts.interaction(pact, description);
            assertEquals("POST", interaction.getRequest().getMethod());
            assertEquals("/v1/partners/auth/login", interaction.getRequest().getPath());
            assertEquals(status, interaction.getResponse().getStatus(), description);
            assertTrue(interaction.getRequest().getBody().valueAsString().contains("\"test-client-id\""), description);
        });
        assertTrue(Pacts.interaction(pact, "a login with valid credentials").getRequest().getBody().valueAsString()
                .contains("\"test-client-secret\""));
        assertFalse(Pacts.interaction(pact, "a login with a missing clientSecret").getRequest().getBody()
                .valueAsString().contains("clientSecret"));
    }

    private static List<String> descriptions(Pact pact) {
        return Pacts.httpInteractions(pact).stream().map(V4Interaction::getDescription).toList();
    }

    private static void assertProviderStateGenerator(V4Interaction.SynchronousHttp interaction, Category category,
                                                     String key, String expression) {
        Map<String, Generator> generators = interaction.getRequest().getGenerators().getCategories().get(category);
        assertNotNull(generators, interaction.getDescription() + " has no " + category + " generators");
        ProviderStateGenerator generator = assertInstanceOf(ProviderStateGenerator.class, generators.get(key),
                interaction.getDescription() + " " + key);
        assertEquals(expression, generator.getExpression(), interaction.getDescription());
    }
}
