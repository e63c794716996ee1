package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

@ServerTest
class SsoConcurrencyTest {
    private static final SsoComponents COMPONENTS = SsoFixtures.components();
    private static final int CALLERS = 50;
    private final Http1Client client;

    SsoConcurrencyTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, COMPONENTS);
    }

    @Test
    void oneFreshTokenPresentedByFiftyConcurrentRequestsIsAcceptedExactlyOnce() throws Exception {
        MintedToken token = COMPONENTS.tokens().mint(USER);
        CountDownLatch ready = new CountDownLatch(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    go.await(10, TimeUnit.SECONDS);
                    return SsoFixtures.postToken(client, CURRENT, token).status();
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            int ok = 0;
            int unauthorized = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get(30, TimeUnit.SECONDS);
                if (code == 200) {
                    ok++;
                } else if (code == 401) {
                    unauthorized++;
                }
            }
            assertEquals(1, ok, "200s");
            assertEquals(CALLERS - 1, unauthorized, "401s");
        } finally {
            pool.shutdownNow();
        }
    }
}
