package com.hubble.kit.runner.sso;

/** The areas reports group checks by, in catalogue order. */
final class Area {
    static final String VALID = "Valid token";
    static final String TOKEN = "Token rejection";
    static final String SECRET = "Secret";
    static final String REQUEST = "Request handling";
    static final String ERRORS = "Errors";
    static final String TRANSPORT = "Transport";
    static final String PERFORMANCE = "Performance";

    private Area() {
    }
}
