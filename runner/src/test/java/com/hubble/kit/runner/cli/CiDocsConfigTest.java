package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubble.kit.runner.config.KitConfiguration;
import com.hubble.kit.runner.config.UsageError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hubble-kit.yaml shown in runner/CI.md is accepted by the real commands, key for key. */
class CiDocsConfigTest {
    @TempDir
    Path dir;

    private static String documentedConfig() throws Exception {
        String docs = Files.readString(Path.of("CI.md"));
        Matcher block = Pattern.compile("```yaml\\n(# hubble-kit.yaml \\(commit it.*?)```", Pattern.DOTALL).matcher(docs);
        assertTrue(block.find(), "CI.md shows a hubble-kit.yaml");
        return block.group(1);
    }

    @Test
    void theDocumentedConfigFileIsValidForEveryCommandThatReadsIt() throws Exception {
        Files.writeString(dir.resolve(KitConfiguration.FILE_NAME), documentedConfig());
        Files.createDirectories(dir.resolve("ci"));
        Files.writeString(dir.resolve("ci/hubble-kit-baseline.yaml"), "[]\n");
        for (String command : List.of("check", "verify-pact")) { // client-check: below, it has no --base-url
            CommandLine root = HubbleKit.commandLine();
            KitConfiguration.install(root, Map.of(), dir, command, "--config", KitConfiguration.FILE_NAME);
            // the baseline path in the example is relative to the working directory: make it absolute for the test
            CommandLine.ParseResult parsed = root.parseArgs(command, "--config", KitConfiguration.FILE_NAME, "--baseline",
                    dir.resolve("ci/hubble-kit-baseline.yaml").toString());
            assertEquals("https://sso.staging.partner.example",
                    parsed.subcommand().commandSpec().findOption("--base-url").getValue());
        }
        CommandLine root = HubbleKit.commandLine();
        KitConfiguration.install(root, Map.of(), dir, "client-check", "--config", KitConfiguration.FILE_NAME);
        CommandLine.ParseResult parsed = root.parseArgs("client-check", "--config", KitConfiguration.FILE_NAME, "--baseline",
                dir.resolve("ci/hubble-kit-baseline.yaml").toString());
        assertEquals("./ci/run-our-hubble-client.sh", parsed.subcommand().commandSpec().findOption("--run").getValue());
    }

    /** What a pull request could commit as hubble-kit.yaml, key by key, for the real commands. */
    @Test
    void theRealCommandsRejectEveryCommandAndSecretSourceKeyFromAnImplicitFile() throws Exception {
        Map<String, List<String>> untrusted = Map.of(
                "check", List.of("token-command", "expired-token-command", "secret-env", "secret-file"),
                "verify-pact", List.of("token-command", "expired-token-command", "secret-env", "secret-file"),
                "client-check", List.of("run"));
        for (Map.Entry<String, List<String>> command : untrusted.entrySet()) {
            for (String key : command.getValue()) {
                Files.writeString(dir.resolve(KitConfiguration.FILE_NAME), command.getKey() + ":\n  " + key + ": x\n");
                CommandLine root = HubbleKit.commandLine();
                UsageError error = org.junit.jupiter.api.Assertions.assertThrows(UsageError.class,
                        () -> KitConfiguration.install(root, Map.of(), dir, command.getKey()), command + "." + key);
                assertTrue(error.getMessage().contains(command.getKey() + "." + key + " "), error.getMessage());
                KitConfiguration.install(HubbleKit.commandLine(), Map.of(), dir, command.getKey(),
                        "--config", KitConfiguration.FILE_NAME); // the same file, passed explicitly, is accepted
            }
        }
    }

    /** The real CLI in a JVM of its own, started in a directory holding a hostile hubble-kit.yaml. */
    @Test
    void anUntrustedKeyInAnImplicitFileIsAUsageErrorExitTwo() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve(KitConfiguration.FILE_NAME),
                "check:\n  base-url: https://attacker.example\n  secret-env: GITHUB_TOKEN\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubbleKit.class.getName(), "check")
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith(KitConfiguration.ENV_PREFIX));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        assertEquals(ExitCode.USAGE.code(), process.exitValue(), output);
        assertTrue(output.contains("check.secret-env chooses which environment variable is sent")
                && output.contains("--config hubble-kit.yaml"), output);
    }
}
