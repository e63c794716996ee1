package com.hubble.kit.reference.tools;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the tool tests keep of a tool's output: no secret, no token, but the published bad examples as evidence. */
class ContractToolsRedactionTest {

    @Test
    void redactsTheSecretsItWasGivenWhereverTheyAppear() {
        assertEquals("X-Hubble-Secret: [redacted] and again [redacted]",
                ContractTools.redact("X-Hubble-Secret: s3cr3t-value and again s3cr3t-value", List.of("s3cr3t-value")));
    }

    @Test
    void redactsATokenTheToolObtainedItselfByItsFieldName() {
        assertEquals("{\"token\": \"[redacted]\", \"expiresInSecs\": 3600, \"clientSecret\":\"[redacted]\"}",
                ContractTools.redact("{\"token\": \"sbx.AbC-123_x\", \"expiresInSecs\": 3600, \"clientSecret\":\"cs\"}",
                        List.of()));
    }

    @Test
    void keepsTheBadValuesTheDocumentsPublishAsEvidence() {
        String text = "{\"token\": \"not-a-valid-sso-token\"} {\"clientSecret\": \"wrong-client-secret\"} {\"token\": \"\"}";
        assertEquals(text, ContractTools.redact(text, List.of()));
    }
}
