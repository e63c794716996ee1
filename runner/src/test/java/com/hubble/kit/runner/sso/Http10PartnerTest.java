package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Verdict;

/**
 * A partner answering HTTP/1.0 without keep-alive (Python's http.server by default) closes every connection after
 * its answer; the kit must open a new one each time, not reuse the closed one and blame the partner.
 */
class Http10PartnerTest {

    @Test
    void aPartnerAnsweringHttp10WithoutKeepAliveGetsTheSameVerdictsAsOverHttp11() throws Exception {
        Secret secret = Secret.of("reference-test-secret-4242424242");
        try (ReferencePartner partner = ReferencePartner.startDemo(secret);
             Http10Front front = new Http10Front(partner.baseUri())) {
            Report direct = SsoRuns.runAt(4, partner.baseUri(), secret, minted(partner, false), minted(partner, true));
            Report http10 = SsoRuns.run(front.baseUri(), secret, minted(partner, false), minted(partner, true));
            assertEquals(SsoRuns.statuses(direct), SsoRuns.statuses(http10), "over HTTP/1.0:\n" + SsoRuns.describe(http10));
            assertEquals(Verdict.PASS, http10.verdict(), SsoRuns.describe(http10));
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
