package com.hubble.kit.runner.access;

import java.util.Optional;

import com.hubble.kit.reference.Secret;

/** A token from a token source, and the userId the partner must return for it when the source declared one. */
public record PartnerToken(Secret token, Optional<String> userId) {
}
