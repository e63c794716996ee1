package com.hubble.kit.runner.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.config.Durations;
import com.hubble.kit.runner.config.UsageError;

/**
 * Runs {@code sh -c CMD} once per token needed. The command prints a bare token, or a JSON object
 * {@code {"token": "...", "userId": "..."}}. A failure names the flag and the command, never its output
 * (which may hold a token).
 */
public final class CommandTokens implements TokenSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 64 * 1024;

    private final String flag;
    private final String command;
    private final Duration deadline;
    private final Optional<String> defaultUserId;

    public CommandTokens(String flag, String command, Duration deadline) {
        this(flag, command, deadline, Optional.empty());
    }

    /** @param defaultUserId the identity for a bare token or JSON without userId (--user-id); a JSON userId wins */
    public CommandTokens(String flag, String command, Duration deadline, Optional<String> defaultUserId) {
        this.flag = flag;
        this.command = command;
        this.deadline = deadline;
        this.defaultUserId = defaultUserId;
    }

    @Override
    public Optional<PartnerToken> next() {
        return Optional.of(run());
    }

    @Override
    public String describeMissing() {
        return "a token from " + flag;
    }

    private PartnerToken run() {
        // Output goes to an owner-only temporary file, so a command that never closes its stdout cannot hang
        // the kit: the deadline is enforced by waitFor alone.
        java.nio.file.Path output;
        java.nio.file.Path errors;
        try {
            output = java.nio.file.Files.createTempFile("hubble-kit-token", ".out");
            errors = java.nio.file.Files.createTempFile("hubble-kit-token", ".err");
        } catch (IOException e) {
            throw failure("could not be run (no temporary file)");
        }
        try {
            Process process;
            try {
                process = new ProcessBuilder("sh", "-c", command)
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
            } catch (IOException e) {
                throw failure("could not be started (is sh on the PATH?)");
            }
            try {
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw failure("did not finish within " + Durations.format(deadline));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw failure("was interrupted");
            }
            if (process.exitValue() != 0) {
                throw failure("exited with status " + process.exitValue() + lastErrorLine(errors));
            }
            try (InputStream in = java.nio.file.Files.newInputStream(output)) {
                return parse(new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw failure("output could not be read");
            }
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(output);
                java.nio.file.Files.deleteIfExists(errors);
            } catch (IOException e) {
                // best effort: the file is owner-only and in the temporary directory
            }
        }
    }

    /**
     * The last line the failing command wrote to stderr (its own error message), never its stdout: token-shaped
     * text in it is redacted (the stream it is printed on redacts the secret and known tokens too), and only then
     * is it shortened.
     */
    static String lastErrorLine(java.nio.file.Path errors) {
        try (InputStream in = java.nio.file.Files.newInputStream(errors)) {
            String text = Redactor.clean(new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8)).strip();
            if (text.isEmpty()) {
                return "";
            }
            String last = Redactor.redactTokenShaped(text.substring(text.lastIndexOf('\n') + 1).strip());
            return "; its last stderr line: "
                    + (last.length() > 200 ? last.substring(0, 200) + "..." : last);
        } catch (IOException e) {
            return "";
        }
    }

    private PartnerToken parse(String output) {
        if (output.isEmpty()) {
            throw failure("printed nothing; it must print a token or {\"token\": \"...\", \"userId\": \"...\"}");
        }
        if (!output.startsWith("{")) {
            if (output.contains("\n")) {
                throw failure("printed several lines; it must print one token or one JSON object");
            }
            return new PartnerToken(Secret.of(output), defaultUserId);
        }
        try {
            JsonNode node = JSON.readTree(output);
            JsonNode token = node.get("token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) {
                throw failure("printed JSON without a non-empty string \"token\"");
            }
            JsonNode userId = node.get("userId");
            return new PartnerToken(Secret.of(token.asText()),
                    userId != null && userId.isTextual() ? Optional.of(userId.asText()) : defaultUserId);
        } catch (IOException e) {
            throw failure("printed something that starts with '{' but is not valid JSON");
        }
    }

    private UsageError failure(String what) {
        return new UsageError(flag + " '" + command + "' " + what);
    }
}
