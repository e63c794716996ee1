package com.hubble.kit.contracts;

import au.com.dius.pact.core.matchers.Mismatch;
import au.com.dius.pact.core.matchers.RequestMatching;
import au.com.dius.pact.core.matchers.ResponseMatching;
import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.Request;
import au.com.dius.pact.core.model.Response;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs Pact JVM's own matching engine over the pacts: what the spec allows a partner (or Hubble) to answer must
 * match, and the mistakes the kit exists to catch must not. A pact that is too literal fails here.
 */
class PactMatchingTest {

    private static final Pact SSO = Pacts.load(Pacts.SSO);
    private static final Pact API = Pacts.load(Pacts.PARTNER_API);
    private static final String JSON = "application/json";

    @Test
    void theValidTokenInteractionAcceptsAFullProfileWithACharsetAndExtraFields() {
        assertMatches(SSO, "a request with a valid token", 200, "application/json; charset=utf-8", """
                {"userId": "partner-user-9", "email": "a@example.com", "firstName": "A", "lastName": "B",
                 "phoneNumber": "1234567890", "cohorts": ["beta"], "tier": "gold"}""");
    }

    @Test
    void theValidTokenInteractionAcceptsAProfileWithOnlyAUserId() {
        assertMatches(SSO, "a request with a valid token", 200, JSON, "{\"userId\": \"u-1\"}");
    }

    @Test
    void theValidTokenInteractionRejectsANumericEmptyOrNullUserId() {
        assertMismatches(SSO, "a request with a valid token", 200, JSON, "{\"userId\": 123}");
        assertMismatches(SSO, "a request with a valid token", 200, JSON, "{\"userId\": \"\"}");
        assertMismatches(SSO, "a request with a valid token", 200, JSON, "{\"userId\": null}");
    }

    @Test
    void theValidTokenInteractionRejectsANonJsonContentType() {
        assertMismatches(SSO, "a request with a valid token", 200, "text/plain", "{\"userId\": \"u-1\"}");
    }

    @Test
    void theInvalidAndExpiredTokenInteractionsAccept400Or401WithANullUserId() {
        for (String description : List.of("a request with an invalid token", "a request with an expired token")) {
            assertMatches(SSO, description, 401, JSON, "{\"userId\": null}");
            assertMatches(SSO, description, 400, JSON, "{\"userId\": null, \"error\": \"token_expired\"}");
        }
    }

    @Test
    void theInvalidAndExpiredTokenInteractionsRejectSuccessServerErrorsAndAUserId() {
        for (String description : List.of("a request with an invalid token", "a request with an expired token")) {
            assertMismatches(SSO, description, 200, JSON, "{\"userId\": null}");
            assertMismatches(SSO, description, 500, JSON, "{\"userId\": null}");
            assertMismatches(SSO, description, 403, JSON, "{\"userId\": null}");
            assertMismatches(SSO, description, 401, JSON, "{\"userId\": \"test-user-123\"}");
            assertMismatches(SSO, description, 401, JSON, "{\"error\": \"invalid token\"}");
        }
    }

    @Test
    void theEmptyTokenInteractionAccepts400Or401WithAnyBodyButNothingElse() {
        assertMatches(SSO, "a request with an empty token", 400, JSON, "{\"userId\": null}");
        assertMatches(SSO, "a request with an empty token", 401, "text/html", "<h1>Unauthorized</h1>");
        assertMismatches(SSO, "a request with an empty token", 200, JSON, "{\"userId\": null}");
        assertMismatches(SSO, "a request with an empty token", 500, JSON, "{}");
    }

    @Test
    void theMissingSecretInteractionAccepts400Or401Or403WithAnyBodyButNothingElse() {
        // Updated (QA item 4): 400 is now allowed, and neither the body nor its Content-Type is asserted.
        String missing = "a request without the X-Hubble-Secret header";
        assertMatches(SSO, missing, 401, JSON, "{\"userId\": null}");
        assertMatches(SSO, missing, 403, JSON, "{\"userId\": null}");
        assertMatches(SSO, missing, 400, JSON, "{\"timestamp\": \"2026-01-01T00:00:00Z\", \"status\": 400, \"error\": \"Bad Request\"}");
        assertMatches(SSO, missing, 401, "text/html", "<h1>Unauthorized</h1>");
        assertMismatches(SSO, missing, 200, JSON, "{\"userId\": \"test-user-123\"}");
        assertMismatches(SSO, missing, 500, JSON, "{\"userId\": null}");
        assertMismatches(SSO, missing, 404, JSON, "{\"userId\": null}");
    }

    @Test
    void theLoginAcceptsExpiresInSecsAsANumberOrAsANumericString() {
        assertMatches(API, "a login with valid credentials", 200, JSON, "{\"token\": \"abc.def.ghi\", \"expiresInSecs\": 3600}");
        assertMatches(API, "a login with valid credentials", 200, JSON, "{\"token\": \"abc.def.ghi\", \"expiresInSecs\": \"1800\"}");
    }

    @Test
    void theLoginRejectsExpiresInSecsThatIsAWordOrZeroAndAnEmptyToken() {
        assertMismatches(API, "a login with valid credentials", 200, JSON, "{\"token\": \"abc\", \"expiresInSecs\": \"soon\"}");
        assertMismatches(API, "a login with valid credentials", 200, JSON, "{\"token\": \"abc\", \"expiresInSecs\": 0}");
        assertMismatches(API, "a login with valid credentials", 200, JSON, "{\"token\": \"\", \"expiresInSecs\": 3600}");
    }

    @Test
    void theLoginErrorsAcceptAnyEnvelopeWithACodeAndAMessage() {
        assertMatches(API, "a login with wrong credentials", 401, JSON, """
                {"id": "e-1", "code": "E401", "message": "bad credentials", "requestId": null, "subErrors": []}""");
        assertMatches(API, "a login with a missing clientSecret", 400, JSON, """
                {"code": "E400", "message": "clientSecret: must not be blank",
                 "subErrors": [{"fieldName": "clientSecret", "message": "must not be blank"}]}""");
        assertMismatches(API, "a login with wrong credentials", 401, JSON, "{\"error\": \"Unauthorized\"}");
        assertMismatches(API, "a login with wrong credentials", 403, JSON, "{\"code\": \"E403\", \"message\": \"ip\"}");
    }

    @Test
    void theProductsListingAcceptsALastPageWithANullCursorAndBrandsWithMoreFields() {
        assertMatches(API, "a products listing with a valid token", 200, JSON, """
                {"data": [{"id": "b-1", "status": "INACTIVE", "title": "One", "category": ["food"]},
                          {"id": "b-2", "status": "ACTIVE", "title": "Two"}],
                 "nextCursor": null}""");
        assertMatches(API, "a products listing with a valid token", 200, JSON, """
                {"data": [{"id": "b-1", "status": "ACTIVE", "title": "One"}], "nextCursor": {"pageNo": 3, "limit": 1}}""");
    }

    @Test
    void theProductsListingRejectsAnUnknownStatusANumericIdAndAnEmptyListing() {
        assertMismatches(API, "a products listing with a valid token", 200, JSON, """
                {"data": [{"id": 7, "status": "ACTIVE", "title": "One"}], "nextCursor": null}""");
        assertMismatches(API, "a products listing with a valid token", 200, JSON, """
                {"data": [{"id": "b-1", "status": "active", "title": "One"}], "nextCursor": null}""");
        assertMismatches(API, "a products listing with a valid token", 200, JSON, "{\"data\": [], \"nextCursor\": null}");
    }

    @Test
    void theProductsListingRequestAcceptsAnyBearerTokenAndAnyUuidInEitherLetterCase() {
        var headers = Map.of("Authorization", "Bearer some.other.token",
                "X-Request-Id", "239774A8-F59C-496C-BB52-CEB683D60AF3");
        assertEquals(List.of(), requestMismatches("a products listing with a valid token", headers));
    }

    @Test
    void theProductsListingRequestRejectsTheDocsPlaceholderRequestIdAndARawToken() {
        assertFalse(requestMismatches("a products listing with a valid token", Map.of(
                "Authorization", "Bearer abc", "X-REQUEST-ID", "a-unique-uuid-here")).isEmpty());
        assertFalse(requestMismatches("a products listing with a valid token", Map.of(
                "Authorization", "abc", "X-REQUEST-ID", "239774a8-f59c-496c-bb52-ceb683d60af3")).isEmpty());
    }

    private static List<String> requestMismatches(String description, Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        var actual = new Request("GET", "/v1/partners/products", Map.of(), multi);
        var interaction = Pacts.interaction(API, description);
        return RequestMatching.requestMismatches(API, interaction, actual).getMismatches().stream()
                .map(Mismatch::description).toList();
    }

    private static List<String> responseMismatches(Pact pact, String description, int status, String contentType,
                                                   String body) {
        var actual = new Response(status, Map.of("Content-Type", List.of(contentType)),
                OptionalBody.body(body, new ContentType(contentType)));
        return ResponseMatching.responseMismatches(pact, Pacts.interaction(pact, description), actual).stream()
                .map(Mismatch::description).toList();
    }

    private static void assertMatches(Pact pact, String description, int status, String contentType, String body) {
        assertEquals(List.of(), responseMismatches(pact, description, status, contentType, body),
                description + " should accept " + status + " " + body);
    }

    private static void assertMismatches(Pact pact, String description, int status, String contentType, String body) {
        assertFalse(responseMismatches(pact, description, status, contentType, body).isEmpty(),
                description + " should reject " + status + " " + body);
    }
}
