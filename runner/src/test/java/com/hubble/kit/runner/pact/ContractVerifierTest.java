package com.hubble.kit.runner.pact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.pact.FakePartner.Defect;
import com.hubble.kit.runner.pact.InteractionResult.Status;
import com.hubble.kit.runner.report.Redactor;
import org.junit.jupiter.api.Test;

class ContractVerifierTest {
    private static final Path FIXTURE = Path.of("src/test/resources/pact/sso-fixture.json");

    private static List<InteractionResult> verify(FakePartner partner, TokenSource tokens) throws Exception {
        return verify(partner, tokens, Duration.ofSeconds(5));
    }

    private static List<InteractionResult> verify(FakePartner partner, TokenSource tokens, Duration timeout) throws Exception {
        ContractFile contract = ContractFile.load(Optional.of(FIXTURE));
        return new ContractVerifier(new Redactor()).verify(contract,
                new ContractVerifier.Target(partner.baseUri(), Secret.of(FakePartner.SECRET), timeout), tokens,
                TokenSource.none("an expired token"));
    }

    @Test
    void aPartnerSlowerThanTheTimeoutFailsWithinTheBudget() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.SLOW)) {
            // only a valid token makes this partner slow
            InteractionResult valid = verify(partner, mintingFrom(partner), Duration.ofMillis(500)).getFirst();
            assertEquals(Status.FAILED, valid.status());
            assertTrue(valid.message().contains("no complete response within 500 ms"), valid.message());
        }
    }

    @Test
    void aResponseLargerThanOneMebibyteFailsInsteadOfBeingRead() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.HUGE_BODY)) {
            InteractionResult valid = verify(partner, mintingFrom(partner)).getFirst();
            assertEquals(Status.FAILED, valid.status());
            assertTrue(valid.message().contains("larger than 1 MiB"), valid.message());
        }
    }

    /** A token source backed by a supplier, as a token command would be. */
    static TokenSource tokens(java.util.function.Supplier<PartnerToken> supplier) {
        return new TokenSource() {
            @Override
            public Optional<PartnerToken> next() {
                return Optional.of(supplier.get());
            }

            @Override
            public String describeMissing() {
                return "a valid token (test)";
            }
        };
    }

    private static TokenSource mintingFrom(FakePartner partner) {
        return tokens(() -> new PartnerToken(Secret.of(partner.mint()), Optional.of(FakePartner.USER)));
    }

    @Test
    void everyInteractionPassesAgainstACompliantPartner() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.NONE)) {
            List<InteractionResult> results = verify(partner, mintingFrom(partner));
            assertEquals(2, results.size());
            results.forEach(r -> assertEquals(Status.PASSED, r.status(), r.id() + ": " + r.message() + " " + r.mismatches()));
            assertEquals(List.of("pact.a-valid-sso-token", "pact.an-unknown-sso-token"),
                    results.stream().map(InteractionResult::id).toList());
            assertEquals(Set.of(FakePartner.SECRET), partner.seenSecrets());
        }
    }

    @Test
    void aWrongUserFailsTheValidTokenInteractionWithExpectedAndActual() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.WRONG_USER)) {
            List<InteractionResult> results = verify(partner, mintingFrom(partner));
            InteractionResult valid = results.getFirst();
            assertEquals(Status.FAILED, valid.status());
            String mismatch = String.join("\n", valid.mismatches());
            assertTrue(mismatch.contains("$.userId"), mismatch);
            assertTrue(mismatch.contains(FakePartner.USER) && mismatch.contains("someone-else"), mismatch);
            assertEquals(Status.PASSED, results.get(1).status());
        }
    }

    @Test
    void aPlainTextContentTypeFailsBothInteractionsNamingTheHeader() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.TEXT_CONTENT_TYPE)) {
            List<InteractionResult> results = verify(partner, mintingFrom(partner));
            for (InteractionResult result : results) {
                assertEquals(Status.FAILED, result.status(), result.id());
                assertTrue(String.join("\n", result.mismatches()).contains("Content-Type"), result.mismatches().toString());
            }
        }
    }

    @Test
    void withoutATokenSourceTheTokenInteractionIsAnErrorNamingTheMissingInput() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.NONE)) {
            List<InteractionResult> results = verify(partner, TokenSource.none("a valid token (--token-command)"));
            assertEquals(Status.MISSING_INPUT, results.getFirst().status());
            assertTrue(results.getFirst().message().contains("--token-command"), results.getFirst().message());
            assertEquals(Status.PASSED, results.get(1).status());
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ContractFile contract = ContractFile.load(Optional.of(FIXTURE));
        List<InteractionResult> results = new ContractVerifier(new Redactor()).verify(contract,
                new ContractVerifier.Target(java.net.URI.create("http://127.0.0.1:" + closedPort), Secret.of(FakePartner.SECRET),
                        Duration.ofSeconds(5)),
                tokens(() -> new PartnerToken(Secret.of("some-token"), Optional.empty())), TokenSource.none("expired"));
        results.forEach(r -> assertEquals(Status.UNREACHABLE, r.status(), r.message()));
        // Worded by the same FailureWords as the kit's own client: no Apache "Connect to ... failed" text.
        assertEquals("cannot connect to http://127.0.0.1:" + closedPort + ": connection refused (is the partner listening "
                + "on that host and port?)", results.getFirst().message());
    }

    @Test
    void aBodyOverTheTimeBudgetIsWordedAsATimeout() {
        com.hubble.kit.runner.access.FailureWords words = com.hubble.kit.runner.access.FailureWords.of(
                new java.io.IOException(new BoundedHttpClientFactory.TimeBudgetExceeded()), Duration.ofMillis(500), false,
                new Redactor());
        assertEquals(com.hubble.kit.runner.report.TransportFailure.Kind.TIMEOUT, words.kind());
    }

    @Test
    void neitherTheSecretNorATokenAppearsInAnyResultText() throws Exception {
        try (FakePartner partner = FakePartner.start(Defect.ACCEPTS_ANY_TOKEN)) {
            List<String> minted = new java.util.ArrayList<>();
            List<InteractionResult> results = verify(partner, tokens(() -> {
                String token = partner.mint();
                minted.add(token);
                return new PartnerToken(Secret.of(token), Optional.of(FakePartner.USER));
            }));
            String all = results.toString();
            assertFalse(minted.isEmpty());
            assertFalse(all.contains(FakePartner.SECRET), all);
            minted.forEach(token -> assertFalse(all.contains(token), all));
        }
    }

    @Test
    void idsAreSlugsOfTheDescriptionMadeUnique() {
        var taken = new java.util.HashSet<String>();
        assertEquals("pact.a-valid-sso-token", ContractVerifier.uniqueId("A valid SSO token!", taken));
        assertEquals("pact.a-valid-sso-token-2", ContractVerifier.uniqueId("a valid SSO token", taken));
    }
}
