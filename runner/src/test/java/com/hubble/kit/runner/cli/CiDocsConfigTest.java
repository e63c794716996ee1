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
            KitConfiguration.install(root, Map.of(), dir, command);
            // the baseline path in the example is relative to the working directory: make it absolute for the test
            CommandLine.ParseResult parsed = root.parseArgs(command, "--baseline",
                    dir.resolve("ci/hubble-kit-baseline.yaml").toString());
            assertEquals("https://sso.staging.partner.example",
                    parsed.subcommand().commandSpec().findOption("--base-url").getValue());
        }
        CommandLine root = HubbleKit.commandLine();
        KitConfiguration.install(root, Map.of(), dir, "client-check");
        CommandLine.ParseResult parsed = root.parseArgs("client-check", "--baseline",
                dir.resolve("ci/hubble-kit-baseline.yaml").toString());
        assertEquals("./ci/run-our-hubble-client.sh", parsed.subcommand().commandSpec().findOption("--run").getValue());
    }
}
