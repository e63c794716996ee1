package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.sso.probe.TargetFacts;

/** The partner a command calls: its base URL and the X-Hubble-Secret, validated with one set of rules. */
final class TargetInput {
    private TargetInput() {
    }

    /** An absolute http(s) base URL; plain http only for loopback hosts or with --allow-http. */
    static URI baseUrl(String text, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new UsageError("--base-url '" + text + "' is not a URL; write it like https://partner.example.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new UsageError("--base-url '" + text + "' must be an absolute http(s) URL with a host, "
                    + "like https://partner.example.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new UsageError("--base-url must not carry a query, fragment or user info");
        }
        if (uri.getPath() != null && uri.getPath().endsWith("/sso")) {
            throw new UsageError("--base-url is the BASE URL: the kit appends /sso itself (drop the trailing /sso)");
        }
        if (scheme.equals("http") && !TargetFacts.isLoopback(uri.getHost()) && !allowHttp) {
            throw new UsageError("--base-url uses plain http:// for a non-loopback host (" + uri.getHost()
                    + "): the secret would travel unencrypted. Use https://, or add --allow-http for a trusted test network.");
        }
        return uri;
    }

    /**
     * The secret from --secret-file when given, else from the environment variable named by --secret-env;
     * {@code envFlagGiven}: --secret-env was on the command line (then --secret-file is a contradiction).
     */
    static Secret secret(Path secretFile, String secretEnv, boolean envFlagGiven) {
        if (secretFile != null && envFlagGiven) {
            throw new UsageError("give either --secret-env or --secret-file, not both");
        }
        String value;
        if (secretFile != null) {
            try {
                value = Files.readString(secretFile, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : Files.isDirectory(secretFile) ? "it is a directory" : "unreadable";
                throw new UsageError("--secret-file " + secretFile + " cannot be read: " + why
                        + "; give the path of a file that holds only the X-Hubble-Secret");
            }
            if (value.isEmpty()) {
                throw new UsageError("--secret-file " + secretFile + " is empty; put the X-Hubble-Secret in it");
            }
        } else {
            value = System.getenv(secretEnv);
            if (value == null || value.isEmpty()) {
                throw new UsageError("no secret: the environment variable " + secretEnv + " is "
                        + (value == null ? "not set" : "empty") + ". Export the X-Hubble-Secret as " + secretEnv
                        + " (or name another variable with --secret-env NAME, or use --secret-file PATH).");
            }
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UsageError("the secret contains control characters, which cannot be sent in a header");
        }
        return Secret.of(value);
    }
}
