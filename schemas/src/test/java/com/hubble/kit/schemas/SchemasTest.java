package com.hubble.kit.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemasTest {

    @Test
    void acceptsTheSsoResponseFromTheSourceDocument() {
        String body = """
                { "userId": "test-user-123", "email": "testuser@example.com", "firstName": "Test",
                  "lastName": "User", "phoneNumber": "1234567890", "cohorts": ["premium", "beta"]}""";
        assertEquals(List.of(), Schemas.validate("sso-response", body));
    }

    @Test
    void reportsANumericUserIdAtItsJsonPointerWithTheTypeKeyword() {
        List<Violation> violations = Schemas.validate("sso-response", "{\"userId\": 123}");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("/userId", violations.getFirst().instanceLocation());
        assertEquals("type", violations.getFirst().keyword());
    }

    @Test
    void reportsAMissingTokenAtTheRootWithTheRequiredKeyword() {
        List<Violation> violations = Schemas.validate("sso-request", "{}");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("", violations.getFirst().instanceLocation());
        assertEquals("required", violations.getFirst().keyword());
        assertTrue(violations.getFirst().message().contains("token"), violations.getFirst().message());
    }

    @Test
    void returnsOneJsonViolationForMalformedJsonInsteadOfThrowing() {
        List<Violation> violations = Schemas.validate("sso-request", "{\"token\": ");
        assertEquals(1, violations.size());
        assertEquals("json", violations.getFirst().keyword());
        assertEquals("", violations.getFirst().instanceLocation());
    }

    @Test
    void treatsTrailingGarbageAfterTheDocumentAsMalformedJson() {
        List<Violation> violations = Schemas.validate("sso-request", "{\"token\": \"t\"} trailing");
        assertEquals("json", violations.getFirst().keyword(), violations::toString);
    }

    @Test
    void treatsAnEmptyBodyAsMalformedJson() {
        assertEquals("json", Schemas.validate("sso-rejection", "").getFirst().keyword());
        assertEquals("json", Schemas.validate("sso-rejection", (String) null).getFirst().keyword());
    }

    @Test
    void validatesAnAlreadyParsedNodeTheSameWayAsText() throws Exception {
        var node = new ObjectMapper().readTree("{\"userId\": \"not-null\"}");
        List<Violation> violations = Schemas.validate("sso-rejection", node);
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("/userId", violations.getFirst().instanceLocation());
    }

    @Test
    void rejectsAnUnknownSchemaNameNamingTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schemas.validate("sso-reponse", "{}"));
        assertTrue(e.getMessage().contains("sso-response"), e.getMessage());
        assertTrue(e.getMessage().contains("sso-reponse"), e.getMessage());
    }

    @Test
    void rejectsASchemaNameThatTriesToLeaveTheSchemasFolder() {
        assertThrows(IllegalArgumentException.class, () -> Schemas.validate("../sso-response", "{}"));
        assertThrows(IllegalArgumentException.class, () -> Schemas.validate("sso-response.schema.json", "{}"));
    }

    @Test
    void listsTheSchemasShippedOnTheClasspath() {
        assertTrue(Schemas.names().containsAll(List.of("sso-request", "sso-response", "sso-rejection")),
                Schemas.names()::toString);
        assertEquals("https://hubble-kit.dev/schemas/sso-response.schema.json", Schemas.id("sso-response"));
    }

    @Test
    void neverPutsThePayloadValueOfAFailedFieldIntoAMessage() {
        String secretLooking = "s3cr3t-v4lue-that-must-not-leak";
        List<Violation> violations = Schemas.validate("sso-rejection", "{\"userId\": \"" + secretLooking + "\"}");
        assertFalse(violations.isEmpty());
        violations.forEach(v -> assertFalse(v.toString().contains(secretLooking), v::toString));
    }

    @Test
    void validatesConcurrentlyWithTheSameResultsAsSequentially() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> task = () -> Schemas.validate("sso-response", "{\"userId\": 1, \"cohorts\": \"x\"}").size();
            List<Future<Integer>> results = pool.invokeAll(java.util.Collections.nCopies(32, task), 30, TimeUnit.SECONDS);
            for (Future<Integer> result : results) {
                assertEquals(2, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assertsFormatsSoTheDocumentationsPlaceholderIsNotAUuid() {
        List<Violation> violations = Schemas.validate("authenticated-request-headers",
                "{\"Authorization\": \"Bearer abc.def\", \"X-REQUEST-ID\": \"a-unique-uuid-here\"}");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("/X-REQUEST-ID", violations.getFirst().instanceLocation());
        assertEquals("format", violations.getFirst().keyword());
    }

    @Test
    void matchesHeaderNamesInAnyLetterCase() {
        for (String name : List.of("X-REQUEST-ID", "X-Request-Id", "x-request-id")) {
            String headers = "{\"authorization\": \"Bearer abc.def\", \"" + name + "\": \"not-a-uuid\"}";
            List<Violation> violations = Schemas.validate("authenticated-request-headers", headers);
            assertEquals(List.of("/" + name), violations.stream().map(Violation::instanceLocation).toList(), name);
        }
    }

    @Test
    void namesAMissingHeaderInPlainWords() {
        List<Violation> violations = Schemas.validate("authenticated-request-headers",
                "{\"X-Request-Id\": \"239774a8-f59c-496c-bb52-ceb683d60af3\"}");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.getFirst().message().contains("Authorization header is missing"), violations::toString);
    }

    @Test
    void acceptsExpiresInSecsAsANumberOrANumericStringButNotAsAWord() {
        assertEquals(List.of(), Schemas.validate("login-response", "{\"token\": \"t\", \"expiresInSecs\": 3600}"));
        assertEquals(List.of(), Schemas.validate("login-response", "{\"token\": \"t\", \"expiresInSecs\": \"3600\"}"));
        List<Violation> soon = Schemas.validate("login-response", "{\"token\": \"t\", \"expiresInSecs\": \"soon\"}");
        assertFalse(soon.isEmpty());
        soon.forEach(v -> assertEquals("/expiresInSecs", v.instanceLocation(), v::toString));
    }

    @Test
    void resolvesTheBrandReferenceOfAProductsPageFromTheClasspath() {
        List<Violation> violations = Schemas.validate("products-page", "{\"data\": [{\"id\": 7, \"title\": \"x\"}]}");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("/data/0/id", violations.getFirst().instanceLocation());
    }
}
