package com.hubble.kit.reference.sandbox;

import java.util.Optional;

/** What a login request's body held, without the secret: which fields were present and the (non-secret) clientId. */
public record LoginAttempt(boolean jsonObject, boolean clientIdPresent, boolean clientSecretPresent,
                           Optional<String> clientId) {
}
