package com.hubble.kit.runner.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.hubble.kit.reference.Secret;

/**
 * Replaces every known secret value (shared secret, its variants, tokens) with a marker such as
 * {@code [REDACTED:secret]} at record time, so no recorded exchange can leak one. Checks look for the
 * markers in responses to detect an echo.
 */
public final class Redactor {
    public static final String PREFIX = "[REDACTED:";

    private record Entry(String value, String label) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Registers a value to redact under a label ("secret", "token", ...); empty values are ignored. */
    public synchronized Redactor add(Secret value, String label) {
        String raw = value.reveal();
        if (!raw.isEmpty() && entries.stream().noneMatch(e -> e.value.equals(raw))) {
            entries.add(new Entry(raw, label));
            entries.sort(Comparator.comparingInt((Entry e) -> e.value.length()).reversed());
        }
        return this;
    }

    public static String marker(String label) {
        return PREFIX + label + "]";
    }

    public synchronized String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Entry entry : entries) {
            if (result.contains(entry.value)) {
                result = result.replace(entry.value, marker(entry.label));
            }
        }
        return result;
    }
}
