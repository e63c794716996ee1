package com.hubble.kit.runner.pact;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.hubble.kit.reference.Secret;

/** The last guard before text leaves the kit: every known secret value (shared secret, minted tokens) is masked. */
public final class Redactor {
    static final String MASK = "[REDACTED]";
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    /** Remembers a value that must never be rendered; empty values are ignored. */
    public void protect(Secret secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /** The text with every protected value replaced by a mask; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            result = result.replace(secret.reveal(), MASK);
        }
        return result;
    }
}
