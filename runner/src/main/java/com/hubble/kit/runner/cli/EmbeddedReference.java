package com.hubble.kit.runner.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;

/** The default target: the reference /sso in-process on a free loopback port, a random secret, its own tokens. */
final class EmbeddedReference implements AutoCloseable {
    // Strong references: JUL forgets the level of a logger nobody holds. The server's INFO lines would bury the
    // progress lines on stderr; warnings still show.
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("io.helidon"),
            java.util.logging.Logger.getLogger("com.hubble.kit.reference"));
    private final Secret secret;
    private final ReferencePartner partner;

    private EmbeddedReference(Secret secret, ReferencePartner partner) {
        this.secret = secret;
        this.partner = partner;
    }

    static EmbeddedReference start() {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Secret secret = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return new EmbeddedReference(secret, ReferencePartner.startDemo(secret));
    }

    Secret secret() {
        return secret;
    }

    String baseUrl() {
        return partner.baseUri().toString();
    }

    TokenSource validTokens() {
        return new Minted(false);
    }

    TokenSource expiredTokens() {
        return new Minted(true);
    }

    @Override
    public void close() {
        partner.close();
    }

    private final class Minted implements TokenSource {
        private final boolean expired;

        Minted(boolean expired) {
            this.expired = expired;
        }

        @Override
        public Optional<PartnerToken> next() {
            String user = partner.demoUserId();
            MintedToken token = expired ? partner.mintExpired(user) : partner.mint(user);
            return Optional.of(new PartnerToken(token.token(), Optional.of(token.userId())));
        }

        @Override
        public String describeMissing() {
            return "a minted token";
        }
    }
}
