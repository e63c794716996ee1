package com.hubble.kit.reference.sso;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The default {@link UserDirectory}: a fixed set of users read from config ({@code app.sso.users}). */
public final class ConfigUserDirectory implements UserDirectory {
    private final Map<String, SsoUser> users;

    public ConfigUserDirectory(List<SsoUser> users) {
        Map<String, SsoUser> byId = new LinkedHashMap<>();
        for (SsoUser user : users) {
            if (byId.putIfAbsent(user.userId(), user) != null) {
                throw new IllegalArgumentException("duplicate user id in app.sso.users: " + user.userId());
            }
        }
        this.users = Map.copyOf(byId);
    }

    @Override
    public Optional<SsoUser> find(String userId) {
        return Optional.ofNullable(users.get(userId));
    }
}
