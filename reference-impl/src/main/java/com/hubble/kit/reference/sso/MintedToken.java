package com.hubble.kit.reference.sso;

import com.hubble.kit.reference.Secret;

/** A token issued by the reference partner, with the user it identifies. */
public record MintedToken(Secret token, String userId) {
}
