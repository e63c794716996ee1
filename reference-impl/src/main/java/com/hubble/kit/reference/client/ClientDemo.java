package com.hubble.kit.reference.client;

import java.util.List;

/**
 * A small program using {@link HubbleClient}: logs in, lists a few pages of brands, fetches brands by id. Reads
 * HUBBLE_BASE_URL (or HUBBLE_ENVIRONMENT), HUBBLE_CLIENT_ID and HUBBLE_CLIENT_SECRET, as {@code hubble-kit
 * client-check} sets them; HUBBLE_DEMO_PAUSE_MILLIS spaces the calls out (to watch a short-lived token refresh).
 * Makes seven authenticated calls, so the sandbox's default revoked token on call 5 is met and recovered from.
 */
public final class ClientDemo {
    private ClientDemo() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            run(Long.parseLong(System.getenv().getOrDefault("HUBBLE_DEMO_PAUSE_MILLIS", "0")));
            exit = 0;
        } catch (ClientConfigurationException e) {
            System.err.println("client demo: " + e.getMessage());
            exit = 2;
        } catch (HubbleApiException e) {
            System.err.println("client demo: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    static void run(long pauseMillis) {
        ClientSettings settings = ClientSettings.fromEnvironment();
        try (HubbleClient hubble = HubbleClient.create(settings)) {
            System.out.println("client demo: Hubble at " + settings.baseUri() + " as " + settings.clientId());
            LoginResult login = hubble.login();
            System.out.println("client demo: logged in; token valid for " + login.expiresInSecs() + " s");
            ProductsPage page = hubble.listProducts(ProductQuery.page(1, 4));
            print("page 1", page.data());
            for (int i = 0; i < 2 && page.next().isPresent(); i++) {
                pause(pauseMillis);
                ProductsPage.Cursor next = page.next().get();
                page = hubble.listProducts(ProductQuery.page(next.pageNo(), next.limit()));
                print("page " + next.pageNo(), page.data());
            }
            pause(pauseMillis);
            ProductsPage food = hubble.listProducts(ProductQuery.all().withCategory("Food"));
            print("category Food", food.data());
            pause(pauseMillis);
            ProductsPage travel = hubble.listProducts(ProductQuery.all().withCategory("Travel"));
            print("category Travel", travel.data());
            List<Brand> seen = new java.util.ArrayList<>(travel.data());
            seen.addAll(food.data());
            seen.addAll(page.data());
            for (Brand wanted : seen.stream().limit(2).toList()) {
                pause(pauseMillis);
                Brand brand = hubble.getProduct(wanted.id());
                System.out.println("client demo: brand " + brand.id() + " is " + brand.title() + " ("
                        + brand.status() + ", " + brand.denominationType() + ")");
            }
            System.out.println("client demo: done with " + hubble.loginCount() + " login(s)");
        }
    }

    private static void print(String what, List<Brand> brands) {
        System.out.println("client demo: " + what + ": "
                + String.join(", ", brands.stream().map(Brand::title).toList()));
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
