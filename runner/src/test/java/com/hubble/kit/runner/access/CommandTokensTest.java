package com.hubble.kit.runner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.access.CommandTokens;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.config.UsageError;

/** --token-command: bare or JSON output; failures name the command, never its output, and never hang. */
class CommandTokensTest {

    private static CommandTokens command(String cmd) {
        return new CommandTokens("--token-command", cmd, Duration.ofSeconds(2));
    }

    @Test
    void aBareTokenHasNoDeclaredUser() {
        PartnerToken token = command("echo tok-123").next().orElseThrow();
        assertEquals("tok-123", token.token().reveal());
        assertEquals(Optional.empty(), token.userId());
    }

    @Test
    void aBareTokenGetsTheUserIdGivenWithUserIdButJsonOutputWins() {
        CommandTokens bare = new CommandTokens("--token-command", "echo tok-123", Duration.ofSeconds(2), Optional.of("u-flag"));
        assertEquals(Optional.of("u-flag"), bare.next().orElseThrow().userId());
        CommandTokens json = new CommandTokens("--token-command", "printf '{\"token\":\"tok-9\",\"userId\":\"u-9\"}'",
                Duration.ofSeconds(2), Optional.of("u-flag"));
        assertEquals(Optional.of("u-9"), json.next().orElseThrow().userId());
    }

    @Test
    void aJsonObjectDeclaresTheUser() {
        PartnerToken token = command("printf '{\"token\":\"tok-9\",\"userId\":\"u-9\"}'").next().orElseThrow();
        assertEquals("tok-9", token.token().reveal());
        assertEquals(Optional.of("u-9"), token.userId());
    }

    @Test
    void aNonZeroExitNamesTheFlagAndCommandButNotTheOutput() {
        UsageError failure = assertThrows(UsageError.class,
                () -> command("printf 'secret-%s' output; exit 7").next());
        assertTrue(failure.getMessage().startsWith("--token-command 'printf"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("exited with status 7"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-output"));
    }

    @Test
    void aNonZeroExitShowsTheLastLineTheCommandWroteToStderrSoThePartnerSeesWhy() {
        UsageError failure = assertThrows(UsageError.class,
                () -> command("echo starting >&2; echo 'mint: user not found' >&2; exit 3").next());
        assertTrue(failure.getMessage().endsWith("exited with status 3; its last stderr line: mint: user not found"),
                failure.getMessage());
    }

    @Test
    void emptyOutputIsAFailure() {
        assertThrows(UsageError.class, () -> command("true").next());
    }

    @Test
    void jsonWithoutATokenIsAFailure() {
        assertThrows(UsageError.class, () -> command("echo '{\"userId\":\"u\"}'").next());
    }

    @Test
    void aCommandThatNeverFinishesIsStoppedAtItsDeadline() {
        UsageError failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(UsageError.class, () -> command("sleep 60").next()));
        assertTrue(failure.getMessage().contains("did not finish within 2s"), failure.getMessage());
    }
}
