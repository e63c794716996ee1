package com.hubble.kit.reference.client;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One page of {@code GET /v1/partners/products}; {@code nextCursor} is null on the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductsPage(List<Brand> data, Cursor nextCursor) {
    public ProductsPage {
        data = data == null ? List.of() : List.copyOf(data);
    }

    public Optional<Cursor> next() {
        return Optional.ofNullable(nextCursor);
    }

    /** Where the next page starts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cursor(int pageNo, int limit) {
    }
}
