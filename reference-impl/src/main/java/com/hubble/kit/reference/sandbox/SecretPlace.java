package com.hubble.kit.reference.sandbox;

import java.util.Objects;

/**
 * Where a request carried a client secret outside the login's JSON body: the URL path, the URL query, a header (by
 * name) or a header's name. Never the secret, nor the form it was sent in.
 *
 * @param headerName the header that held it, for {@link Part#HEADER}; "" otherwise
 */
public record SecretPlace(Part part, String headerName) {
    public enum Part { PATH, QUERY, HEADER, HEADER_NAME }

    public static final SecretPlace PATH = new SecretPlace(Part.PATH, "");
    public static final SecretPlace QUERY = new SecretPlace(Part.QUERY, "");
    /** A header whose name holds the secret: the name is not kept. */
    public static final SecretPlace HEADER_NAME = new SecretPlace(Part.HEADER_NAME, "");

    public SecretPlace {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(headerName, "headerName");
    }

    public static SecretPlace header(String name) {
        return new SecretPlace(Part.HEADER, name);
    }

    /** "the URL path", "the URL query", "header X-Client-Secret", "a header's name". */
    public String describe() {
        return switch (part) {
            case PATH -> "the URL path";
            case QUERY -> "the URL query";
            case HEADER -> "header " + headerName;
            case HEADER_NAME -> "a header's name";
        };
    }
}
