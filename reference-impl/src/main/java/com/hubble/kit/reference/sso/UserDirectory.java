package com.hubble.kit.reference.sso;

import java.util.Optional;

/**
 * Where {@code /sso} looks up the user a verified token names. Replace the YAML-backed default with your own
 * (database, identity provider) by passing it to {@link SsoComponents}.
 */
@FunctionalInterface
public interface UserDirectory {
    /** The user with this id, or empty when there is none (the request is then rejected like a bad token). */
    Optional<SsoUser> find(String userId);
}
