package com.hubble.kit.runner.pact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;

/**
 * Runs {@code sh -c CMD} once per token needed. The command prints a bare token or
 * {@code {"token": "...", "userId": "..."}}; its output is never echoed, only its name and exit status.
 */
public final class TokenCommand implements StateValueSource {
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String command;
    private final Duration timeout;

    public TokenCommand(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public ProviderStateValues next() throws StateValueException {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new StateValueException("token command '" + command + "' could not start: " + e.getMessage());
        }
        try {
            // read on another thread so a command that never closes stdout still meets the timeout
            Process started = process;
            FutureTask<byte[]> reader = new FutureTask<>(() -> readBounded(started.getInputStream()));
            Thread.ofVirtual().start(reader);
            byte[] output;
            try {
                output = reader.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new StateValueException("token command '" + command + "' did not finish within " + timeout.toSeconds() + "s");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof StateValueException sve ? sve
                        : new StateValueException("token command '" + command + "': reading its output failed");
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StateValueException("token command '" + command + "' did not finish within " + timeout.toSeconds() + "s");
            }
            if (process.exitValue() != 0) {
                throw new StateValueException("token command '" + command + "' exited with status " + process.exitValue());
            }
            return parse(new String(output, StandardCharsets.UTF_8).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new StateValueException("token command '" + command + "' was interrupted");
        } finally {
            process.destroyForcibly();
        }
    }

    private ProviderStateValues parse(String output) throws StateValueException {
        if (output.isEmpty()) {
            throw new StateValueException("token command '" + command + "' printed nothing");
        }
        if (!output.startsWith("{")) {
            if (output.contains("\n")) {
                throw new StateValueException("token command '" + command
                        + "' printed several lines; print one bare token or one JSON object {\"token\",\"userId\"}");
            }
            return new ProviderStateValues(Secret.of(output), Optional.empty());
        }
        JsonNode node;
        try {
            node = JSON.readTree(output);
        } catch (IOException e) {
            // the parser's message would quote the output, which holds the token
            throw new StateValueException("token command '" + command + "' printed malformed JSON");
        }
        JsonNode token = node.get("token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            throw new StateValueException("token command '" + command + "' printed JSON without a non-empty string \"token\"");
        }
        JsonNode userId = node.get("userId");
        return new ProviderStateValues(Secret.of(token.asText()),
                userId != null && userId.isTextual() ? Optional.of(userId.asText()) : Optional.empty());
    }

    private static byte[] readBounded(InputStream in) throws IOException, StateValueException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (out.size() > MAX_OUTPUT) {
                throw new StateValueException("token command printed more than 64 KiB");
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "token command '" + command + "'";
    }
}
