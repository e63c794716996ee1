package com.hubble.kit.reference.sso;

import java.util.List;
import java.util.Objects;

/** A partner user as returned by {@code POST /sso}; every field but {@code userId} may be null. */
public record SsoUser(String userId, String email, String firstName, String lastName, String phoneNumber,
                      List<String> cohorts) {
    public SsoUser {
        Objects.requireNonNull(userId, "userId");
        cohorts = cohorts == null ? null : List.copyOf(cohorts);
    }
}
