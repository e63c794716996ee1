package com.hubble.kit.reference.sso;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.hubble.kit.reference.Secret;

/**
 * The accepted values of {@code X-Hubble-Secret} (current and next, for rotation). Replaceable at runtime:
 * {@link Main} re-reads the list when the config file changes, and {@link #replace} can be called directly.
 */
public final class SharedSecrets {
    /** The accepted secrets' SHA-256 digests, computed once per list rather than once per request. */
    private volatile List<byte[]> accepted;
    /** How the accepted secrets look when written into a request (see {@link #appearsIn}); swapped with the list. */
    private volatile Forms forms;

    public SharedSecrets(List<Secret> accepted) {
        List<Secret> secrets = validated(accepted);
        this.accepted = digests(secrets);
        this.forms = Forms.of(secrets);
    }

    /** Swaps the accepted list atomically; requests after this call see only the new list. */
    public void replace(List<Secret> newAccepted) {
        List<Secret> secrets = validated(newAccepted);
        this.forms = Forms.of(secrets);
        this.accepted = digests(secrets);
    }

    /**
     * True when {@code text} holds an accepted secret as it is, as hex (either case), or as base64 (standard or URL
     * alphabet, at any offset inside a longer base64 text: the characters that hold only the secret's bits). For what
     * the server logs of a request (its X-REQUEST-ID, its path): a caller must not be able to write the secret into
     * the log, in any of these forms.
     */
    public boolean appearsIn(String text) {
        Forms current = forms;
        if (text == null || text.length() < current.shortest) {
            return false;
        }
        for (String form : current.exact) {
            if (text.contains(form)) {
                return true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String form : current.hex) {
            if (lower.contains(form)) {
                return true;
            }
        }
        return false;
    }

    /** The secrets as written plainly or in base64 ({@code exact}), and as lowercase hex. */
    private record Forms(List<String> exact, List<String> hex, int shortest) {
        private static final int MIN_FORM_LENGTH = 8;

        static Forms of(List<Secret> secrets) {
            List<String> exact = new ArrayList<>();
            List<String> hex = new ArrayList<>();
            for (Secret secret : secrets) {
                exact.add(secret.reveal());
                exact.addAll(secret.base64Cores());
                hex.add(HexFormat.of().formatHex(secret.reveal().getBytes(StandardCharsets.UTF_8)));
            }
            // A form this short would be found in ordinary text (the config refuses secrets under 16 characters).
            exact.removeIf(form -> form.length() < MIN_FORM_LENGTH);
            hex.removeIf(form -> form.length() < MIN_FORM_LENGTH);
            int shortest = java.util.stream.Stream.concat(exact.stream(), hex.stream())
                    .mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
            return new Forms(List.copyOf(exact), List.copyOf(hex), shortest);
        }
    }

    /** How many secrets are accepted now. */
    public int count() {
        return accepted.size();
    }

    private static List<byte[]> digests(List<Secret> secrets) {
        return secrets.stream().map(Secret::digest).toList();
    }

    /**
     * True when the presented value equals one accepted secret. Every secret is compared (no early exit) and
     * each comparison is over SHA-256 digests, so neither which secret matched nor any length leaks.
     */
    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = Secret.of(presented).digest();
        boolean matched = false;
        for (byte[] secret : accepted) {
            matched |= java.security.MessageDigest.isEqual(secret, digest);
        }
        return matched;
    }

    private static List<Secret> validated(List<Secret> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        for (Secret secret : secrets) {
            if (secret == null || secret.isEmpty() || secret.reveal().isBlank()) {
                throw new IllegalArgumentException("a shared secret must not be empty");
            }
        }
        return List.copyOf(secrets);
    }
}
