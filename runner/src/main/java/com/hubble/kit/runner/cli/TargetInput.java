package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.sso.probe.SecretForm;
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
     * {@code envFlagGiven}: --secret-env was on the command line (then --secret-file is a contradiction). A leading
     * UTF-8 byte order mark is removed and said through {@code note}. The secret and every variant the kit derives
     * from it ({@link SecretForm}) must be valid header values; a problem is named, never the value.
     */
    /** How long a --secret-file that is a pipe (process substitution, a named pipe) may take to deliver the secret. */
    static final java.time.Duration PIPE_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * The file's text. A regular file is read at once; anything else (a pipe from {@code <(...)}, a named pipe) on a
     * daemon thread for at most {@code wait}: a named pipe nobody writes to would block the kit for ever.
     */
    static String read(Path file, java.time.Duration wait) throws IOException {
        if (Files.isRegularFile(file) || !Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(
                () -> Files.readString(file, StandardCharsets.UTF_8));
        Thread reader = new Thread(task, "secret-file reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return task.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UsageError("--secret-file " + file + " delivered nothing within " + wait.toSeconds() + " s (a named "
                    + "pipe nobody writes to?); give the path of a file that holds only the X-Hubble-Secret");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("unreadable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static Secret secret(Path secretFile, String secretEnv, boolean envFlagGiven, Consumer<String> note) {
        if (secretFile != null && envFlagGiven) {
            throw new UsageError("give either --secret-env or --secret-file, not both");
        }
        String value;
        String origin;
        if (secretFile != null) {
            origin = "the secret in --secret-file " + secretFile;
            try {
                value = read(secretFile, PIPE_WAIT).replaceAll("[\\r\\n]+$", "");
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text"
                        : Files.isDirectory(secretFile) ? "it is a directory" : "unreadable";
                throw new UsageError("--secret-file " + secretFile + " cannot be read: " + why
                        + "; give the path of a file that holds only the X-Hubble-Secret");
            }
        } else {
            origin = "the secret in the environment variable " + secretEnv;
            value = System.getenv(secretEnv);
            if (value == null || value.isEmpty()) {
                throw new UsageError("no secret: the environment variable " + secretEnv + " is "
                        + (value == null ? "not set" : "empty") + ". Export the X-Hubble-Secret as " + secretEnv
                        + " (or name another variable with --secret-env NAME, or use --secret-file PATH).");
            }
        }
        if (value.startsWith(BOM)) {
            value = value.substring(1);
            note.accept(origin + " starts with a UTF-8 byte order mark (U+FEFF); the kit removed it. "
                    + "Save it without one (an editor's \"UTF-8\" rather than \"UTF-8 with BOM\").");
        }
        if (value.isEmpty()) {
            throw new UsageError(secretFile != null ? "--secret-file " + secretFile + " is empty; put the X-Hubble-Secret in it"
                    : origin + " is empty");
        }
        Optional<String> problem = headerValueProblem(value);
        if (problem.isPresent()) {
            throw new UsageError(origin + " cannot be sent as the X-Hubble-Secret header: it " + problem.get()
                    + ". A header value is visible ASCII, with spaces or tabs only inside (RFC 9110 section 5.5); "
                    + "check that the right value was copied");
        }
        for (SecretForm form : SecretForm.values()) {
            Optional<String> variant = form.apply(value).filter(v -> !v.isEmpty());
            Optional<String> variantProblem = variant.flatMap(TargetInput::headerValueProblem);
            if (variantProblem.isPresent()) {
                throw new UsageError(origin + " gives a near miss for sso.secret.* (" + form.description()
                        + ") that cannot be sent as a header: it " + variantProblem.get()
                        + ". Use a secret of visible ASCII characters");
            }
        }
        return Secret.of(value);
    }

    private static final String BOM = "\uFEFF";

    /**
     * Why a text is not an RFC 9110 field value of visible ASCII (VCHAR, with SP and HTAB only between them), or
     * empty. Names the kind of character and its position, never the character or the value.
     */
    static Optional<String> headerValueProblem(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean blank = c == ' ' || c == '\t';
            if (blank && (i == 0 || i == n - 1)) {
                return Optional.of((i == 0 ? "starts" : "ends") + " with a space or tab (which HTTP strips from a header "
                        + "value, so the partner would see another secret)");
            }
            if (!blank && (c < 0x21 || c > 0x7e)) {
                String kind = c < 0x20 || c == 0x7f ? "a control character"
                        : c == '\uFEFF' ? "a byte order mark (U+FEFF)"
                        : "a non-ASCII character";
                return Optional.of("contains " + kind + " at position " + (i + 1) + " of " + n);
            }
        }
        return Optional.empty();
    }
}
