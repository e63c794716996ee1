package com.hubble.kit.runner.sso;

/** Sentences of the source documents the checks enforce (quoted once, used by several checks). */
final class Source {
    static final String SSO_DOC = "Hubble SDK SSO integration (/sso): ";
    static final String VALID_200 = SSO_DOC + "\"Response (200 OK): { \"userId\": ..., \"email\": ..., \"firstName\": ..., "
            + "\"lastName\": ..., \"phoneNumber\": ..., \"cohorts\": [...] }\"";
    static final String INVALID = SSO_DOC + "\"Invalid Token Response (401 or 400): If the token is invalid or expired, return: "
            + "{ \"userId\": null }. Returning userId = null indicates authentication failure.\"";
    static final String SECRET = SSO_DOC + "\"Headers: X-Hubble-Secret (string, required) - Pre-shared secret provided during "
            + "onboarding.\" The source gives no status for a bad secret; the kit accepts 400, 401 or 403 and requires that no user data comes back.";

    private Source() {
    }
}
