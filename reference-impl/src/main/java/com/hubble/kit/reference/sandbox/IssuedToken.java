package com.hubble.kit.reference.sandbox;

import java.time.Instant;

import com.hubble.kit.reference.Secret;

/** A token the sandbox handed out; {@code tokenId} ("token-1", "token-2", ...) names it in recordings instead of the value. */
public record IssuedToken(String tokenId, Secret value, String clientId, Instant issuedAt, Instant expiresAt) {
}
