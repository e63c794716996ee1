package com.hubble.kit.runner.sso.probe;

import java.util.Optional;

/** One request of a plan: method, which secret in which header name, the body, and an optional query token. */
public record Step(String label, String method, SecretForm secret, String secretHeader, Payload payload,
                   Optional<TokenRef> queryToken) {

    public static final String SECRET_HEADER = "X-Hubble-Secret";

    /** A POST /sso with the correct secret and {"token": token}. */
    public static Step post(String label, TokenRef token) {
        return new Step(label, "POST", SecretForm.CORRECT, SECRET_HEADER, new Payload.TokenField(token), Optional.empty());
    }

    public static Step post(String label, SecretForm secret, TokenRef token) {
        return new Step(label, "POST", secret, SECRET_HEADER, new Payload.TokenField(token), Optional.empty());
    }

    public static Step post(String label, Payload payload) {
        return new Step(label, "POST", SecretForm.CORRECT, SECRET_HEADER, payload, Optional.empty());
    }

    public Step withSecretHeader(String name) {
        return new Step(label, method, secret, name, payload, queryToken);
    }

    public String describe() {
        String query = queryToken.map(t -> "?token=<" + t.describe() + ">").orElse("");
        String secretText = secret == SecretForm.MISSING ? "no secret"
                : secret.description() + (secretHeader.equals(SECRET_HEADER) ? "" : " in header '" + secretHeader + "'");
        return method + " /sso" + query + " with " + secretText + ", body " + payload.describe();
    }
}
