package com.hubble.kit.reference.sandbox;

import java.util.Optional;

/**
 * The Authorization header of a request, without its secret: the scheme as sent ("Bearer", "bearer", "Basic"),
 * the id of the sandbox token it carried (empty when the value matched no issued token) and that token's status
 * when the request arrived.
 */
public record PresentedToken(String scheme, Optional<String> tokenId, TokenStatus status) {
    public boolean isBearer() {
        return "bearer".equalsIgnoreCase(scheme);
    }
}
