package com.hubble.kit.runner.pact;

import java.net.URI;

/** Lets tests in other packages start a faulty {@link FakePartner}. */
public final class FakePartnerAccess implements AutoCloseable {
    private final FakePartner partner;

    private FakePartnerAccess(FakePartner partner) {
        this.partner = partner;
    }

    /** A partner that answers a valid token with another user's identity. */
    public static FakePartnerAccess wrongUser() {
        return new FakePartnerAccess(FakePartner.start(FakePartner.Defect.WRONG_USER));
    }

    /** A partner that accepts any token with the right secret (no token validation at all). */
    public static FakePartnerAccess acceptsAnyToken() {
        return new FakePartnerAccess(FakePartner.start(FakePartner.Defect.ACCEPTS_ANY_TOKEN));
    }

    /** A partner that answers with Content-Type text/plain. */
    public static FakePartnerAccess textContentType() {
        return new FakePartnerAccess(FakePartner.start(FakePartner.Defect.TEXT_CONTENT_TYPE));
    }

    public URI baseUri() {
        return partner.baseUri();
    }

    public String secret() {
        return FakePartner.SECRET;
    }

    public String user() {
        return FakePartner.USER;
    }

    public String mint() {
        return partner.mint();
    }

    @Override
    public void close() {
        partner.close();
    }
}
