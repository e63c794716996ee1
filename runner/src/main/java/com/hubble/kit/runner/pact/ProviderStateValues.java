package com.hubble.kit.runner.pact;

import java.util.Optional;

import com.hubble.kit.reference.Secret;

/** The values a provider state needs: a fresh valid token and, when the source declares it, the user it belongs to. */
public record ProviderStateValues(Secret token, Optional<String> userId) {
}
