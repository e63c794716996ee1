package com.hubble.kit.runner.client;

import java.util.List;
import java.util.Optional;

/** THE list of client checks, in report order; ids are stable (add, never rename). */
public final class ClientCatalogue {
    private ClientCatalogue() {
    }

    public static List<ClientCheck> checks() {
        return List.of(
                new LoginRequest(),
                new PathPlural(),
                new TokenCached(),
                new TokenRefresh(),
                new AuthBearer(),
                new RequestIdPresent(),
                new RequestIdUuid(),
                new RequestIdUnique(),
                new ContentTypePost(),
                new RetryOn401(),
                new RetryBounded());
    }

    public static Optional<ClientCheck> find(String id) {
        return checks().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
