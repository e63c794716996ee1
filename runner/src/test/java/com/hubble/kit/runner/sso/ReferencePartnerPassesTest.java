package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Verdict;

/** The reference partner (another branch's implementation of the same rules) passes the whole catalogue. */
class ReferencePartnerPassesTest {

    @Test
    void theReferencePartnerPassesEveryCheckThatAppliesToALoopbackTarget() {
        Secret secret = Secret.of("reference-test-secret-4242424242");
        try (ReferencePartner partner = ReferencePartner.startDemo(secret)) {
            Report report = SsoRuns.run(partner.baseUri(), secret, minted(partner, false), minted(partner, true));
            assertEquals(Set.of(), SsoRuns.withStatus(report, Status.FAIL), SsoRuns.describe(report));
            assertEquals(Set.of("sso.transport.https", "sso.transport.tls"), SsoRuns.withStatus(report, Status.SKIP));
            assertEquals(Verdict.PASS, report.verdict());
        }
    }

    private static TokenSource minted(ReferencePartner partner, boolean expired) {
        return new TokenSource() {
            @Override
            public Optional<PartnerToken> next() {
                MintedToken token = expired ? partner.mintExpired(partner.demoUserId()) : partner.mint(partner.demoUserId());
                return Optional.of(new PartnerToken(token.token(), Optional.of(token.userId())));
            }

            @Override
            public String describeMissing() {
                return "a minted token";
            }
        };
    }
}
