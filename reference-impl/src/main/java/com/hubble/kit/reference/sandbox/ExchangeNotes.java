package com.hubble.kit.reference.sandbox;

import java.util.Optional;

/** What the handlers learn about one request while answering it; the recording filter turns it into a record. */
final class ExchangeNotes {
    final Optional<PresentedToken> authorization;
    final Optional<IssuedToken> presentedToken;
    final Optional<String> requestId;
    volatile LoginAttempt login;
    volatile Fault fault = Fault.NONE;
    volatile String issuedTokenId;
    volatile String errorCode;

    ExchangeNotes(Optional<PresentedToken> authorization, Optional<IssuedToken> presentedToken,
                  Optional<String> requestId) {
        this.authorization = authorization;
        this.presentedToken = presentedToken;
        this.requestId = requestId;
    }
}
