package com.hubble.kit.reference.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The brands the sandbox serves, as Hubble Brand JSON objects; the bundled set is {@code sandbox-brands.json}. */
public final class BrandCatalogue {
    public static final String BUNDLED_RESOURCE = "sandbox-brands.json";
    private final List<JsonNode> brands;

    public BrandCatalogue(List<JsonNode> brands) {
        this.brands = List.copyOf(brands);
    }

    public static BrandCatalogue bundled() {
        try (InputStream in = BrandCatalogue.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the classpath");
            }
            List<JsonNode> brands = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(brands::add);
            return new BrandCatalogue(brands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<JsonNode> brands() {
        return brands;
    }

    public Optional<JsonNode> find(String id) {
        return brands.stream().filter(b -> b.path("id").asText().equals(id)).findFirst();
    }

    /**
     * One page of the listing: {@code {"data": [...], "nextCursor": {"pageNo", "limit"} | null}}. Pages count from 1;
     * {@code q} matches the title case-insensitively, {@code category} one of the brand's categories.
     */
    public ObjectNode page(String q, String category, int pageNo, int limit) {
        List<JsonNode> matching = brands.stream()
                .filter(b -> q == null || q.isBlank()
                        || b.path("title").asText().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                .filter(b -> category == null || category.isBlank() || hasCategory(b, category))
                .toList();
        int from = (int) Math.min((long) (pageNo - 1) * limit, matching.size());
        int to = (int) Math.min((long) from + limit, matching.size());
        ObjectNode page = ErrorReplies.JSON.createObjectNode();
        page.putArray("data").addAll(matching.subList(from, to));
        if (to < matching.size()) {
            page.putObject("nextCursor").put("pageNo", pageNo + 1).put("limit", limit);
        } else {
            page.putNull("nextCursor");
        }
        return page;
    }

    private static boolean hasCategory(JsonNode brand, String category) {
        for (JsonNode c : brand.path("category")) {
            if (c.asText().equalsIgnoreCase(category)) {
                return true;
            }
        }
        return false;
    }
}
