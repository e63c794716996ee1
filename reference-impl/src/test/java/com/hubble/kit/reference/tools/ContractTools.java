package com.hubble.kit.reference.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The generic contract tools partners use (Specmatic, Spectral), installed by contracts/tools/install.sh at the
 * pinned versions, run as separate processes with a bounded time. Their output is redacted before anyone sees it.
 */
final class ContractTools {
    private static final Path KIT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private static final Path WORK = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/contract-tools");
    private static final Pattern SUMMARY = Pattern.compile(
            "Tests run: (\\d+), Successes: (\\d+), Failures: (\\d+), WIP: (\\d+), Errors: (\\d+)");
    private static final Pattern SCENARIO = Pattern.compile("(?m)^([+-]ve)  Scenario: (.*) has (SUCCEEDED|FAILED)$");
    // A JSON string value of a field that carries a credential, e.g. "token": "..." in a login's answer.
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:token|clientSecret|accessToken)\"\\s*:\\s*\")([^\"\\\\]{1,4096})\"");
    // Values the documents publish as examples of what a partner must reject: evidence, not secrets.
    private static final List<String> KEPT_VALUES = List.of("not-a-valid-sso-token", "wrong-client-secret");
    private static Path installed;

    private ContractTools() {
    }

    static Path kit() {
        return KIT;
    }

    /** The directory holding node_modules/ with the pinned tools; skips the test where they cannot be had, except in CI. */
    static synchronized Path installed() {
        if (installed == null) {
            Result install = run(List.of("sh", KIT.resolve("contracts/tools/install.sh").toString()), KIT, Map.of(),
                    300, List.of());
            String last = install.output().strip().lines().reduce((a, b) -> b).orElse("");
            if (install.exit() != 0 || !Files.isRegularFile(Path.of(last, "node_modules/specmatic/specmatic.jar"))) {
                String why = "contracts/tools/install.sh could not install Specmatic and Spectral (exit " + install.exit()
                        + "): " + install.output().strip();
                // CI must prove the documents with the tools; a developer without npm gets a clear skip instead.
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(why);
                }
                Assumptions.abort(why);
            }
            installed = Path.of(last);
        }
        return installed;
    }

    /** Runs Specmatic's contract tests in a fresh copy of the documents (tokens filled in) and returns what it found. */
    static SpecmaticRun specmatic(String name, String config, String baseUrl, Map<String, String> environment,
                                  List<String> secrets) {
        Path tools = installed();
        Path dir = freshDirectory(name);
        Result fill = run(List.of("sh", KIT.resolve("contracts/tools/fill-tokens.sh").toString(), dir.toString()), KIT,
                environment, 30, secrets);
        Assertions.assertEquals(0, fill.exit(), "fill-tokens.sh: " + fill.output());
        copy(KIT.resolve("contracts/tools/specmatic").resolve(config), dir.resolve("specmatic.yaml"));
        List<String> command = List.of(javaOfThisVm(), "-jar", tools.resolve("node_modules/specmatic/specmatic.jar").toString(),
                "test", "--config", "specmatic.yaml", "--testBaseURL", baseUrl, "--timeout-in-ms", "10000");
        Result result = run(command, dir, environment, 240, secrets);
        writeLog(name, result.output());
        deleteTree(dir); // Specmatic's own reports hold every request, secrets included
        return SpecmaticRun.parse(result);
    }

    /** Spectral with the given ruleset on both documents, JSON output. */
    static Result spectral(Path ruleset) {
        Path tools = installed();
        return run(List.of(tools.resolve("node_modules/.bin/spectral").toString(), "lint", "--fail-severity=hint",
                        "--format", "json", "--quiet", "--ruleset", ruleset.toString(),
                        "contracts/openapi/sso.yaml", "contracts/openapi/partner-api.yaml"),
                KIT, Map.of(), 120, List.of());
    }

    static Path freshDirectory(String name) {
        try {
            Files.createDirectories(WORK);
            return Files.createTempDirectory(WORK, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process's exit code and its combined output, every secret replaced by [redacted]. */
    record Result(int exit, String output) {
    }

    /** What one Specmatic run reported: its summary line and every scenario it ran, by outcome. */
    record SpecmaticRun(int exit, int run, int successes, int failures, int errors, List<String> succeeded,
                        List<String> failed, String output) {
        static SpecmaticRun parse(Result result) {
            Matcher summary = SUMMARY.matcher(result.output());
            int[] counts = {-1, -1, -1, -1, -1};
            while (summary.find()) {
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = Integer.parseInt(summary.group(i + 1));
                }
            }
            List<String> succeeded = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            Matcher scenario = SCENARIO.matcher(result.output());
            while (scenario.find()) {
                String line = scenario.group(1) + " " + scenario.group(2);
                (scenario.group(3).equals("SUCCEEDED") ? succeeded : failed).add(line);
            }
            return new SpecmaticRun(result.exit(), counts[0], counts[1], counts[2], counts[4], List.copyOf(succeeded),
                    List.copyOf(failed), result.output());
        }

        boolean succeeded(String fragment) {
            return succeeded.stream().anyMatch(s -> s.contains(fragment));
        }

        boolean failed(String fragment) {
            return failed.stream().anyMatch(s -> s.contains(fragment));
        }

        /** The end of the output, where Specmatic lists what failed: evidence for an assertion message. */
        String tail() {
            return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
        }
    }

    static Result run(List<String> command, Path directory, Map<String, String> environment, int timeoutSeconds,
                      List<String> secrets) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(Files.createDirectories(WORK), "process-", ".out");
            builder.redirectOutput(out.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = redact(Files.readString(out, StandardCharsets.UTF_8), secrets);
            Files.delete(out);
            if (!finished) {
                Assertions.fail(command.get(0) + " did not finish within " + timeoutSeconds + " s: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    static String redact(String text, List<String> secrets) {
        String redacted = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, "[redacted]");
            }
        }
        // Tokens the tools obtained themselves (a login's answer) are not known in advance: redact them by field.
        return SECRET_FIELD.matcher(redacted).replaceAll(match -> KEPT_VALUES.contains(match.group(2))
                ? Matcher.quoteReplacement(match.group())
                : Matcher.quoteReplacement(match.group(1) + "[redacted]\""));
    }

    private static String javaOfThisVm() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void writeLog(String name, String output) {
        try {
            Files.writeString(WORK.resolve(name + ".log"), output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
