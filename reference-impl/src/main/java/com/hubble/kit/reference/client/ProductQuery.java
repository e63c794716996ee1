package com.hubble.kit.reference.client;

import java.util.Optional;

/** Parameters of the products listing; all optional. */
public record ProductQuery(Optional<String> q, Optional<String> category, Optional<Integer> pageNo,
                           Optional<Integer> limit) {
    public static ProductQuery all() {
        return new ProductQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ProductQuery page(int pageNo, int limit) {
        return new ProductQuery(Optional.empty(), Optional.empty(), Optional.of(pageNo), Optional.of(limit));
    }

    public ProductQuery withCategory(String value) {
        return new ProductQuery(q, Optional.of(value), pageNo, limit);
    }

    public ProductQuery withSearch(String value) {
        return new ProductQuery(Optional.of(value), category, pageNo, limit);
    }
}
