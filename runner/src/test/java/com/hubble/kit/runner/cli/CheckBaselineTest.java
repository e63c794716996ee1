package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.hubble.kit.runner.cli.VerifyPactCommandTest.Run;
import com.hubble.kit.runner.pact.FakePartnerAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --baseline on check: the same transformation as on verify-pact, applied before the gate. */
class CheckBaselineTest {
    @TempDir
    Path dir;

    private Run check(FakePartnerAccess partner, String... extra) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), partner.secret());
        String[] base = {"check", "--base-url", partner.baseUri().toString(), "--secret-file", secret.toString(),
                "--token-command", "echo " + partner.mint(), "--only", "sso.valid.content-type"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return VerifyPactCommandTest.run(args);
    }

    private Path baseline(LocalDate expires) throws Exception {
        return Files.writeString(dir.resolve("baseline.yaml"), "- id: sso.valid.content-type\n"
                + "  reason: gateway rewrites Content-Type, fix in PARTNER-42\n  owner: team-sso\n  expires: " + expires + "\n");
    }

    @Test
    void anAcceptedFailureOfCheckWarnsAndTheGateIsGreen() throws Exception {
        try (FakePartnerAccess partner = FakePartnerAccess.textContentType()) {
            assertEquals(1, check(partner).exit());
        }
        try (FakePartnerAccess partner = FakePartnerAccess.textContentType()) {
            Run run = check(partner, "--baseline", baseline(LocalDate.now().plusDays(7)).toString());
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("accepted until " + LocalDate.now().plusDays(7)), run.out());
        }
    }

    @Test
    void anExpiredEntryFailsCheckAgainAndSaysSo() throws Exception {
        try (FakePartnerAccess partner = FakePartnerAccess.textContentType()) {
            Run run = check(partner, "--baseline", baseline(LocalDate.now().minusDays(1)).toString());
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("baseline entry expired on " + LocalDate.now().minusDays(1)), run.out());
        }
    }
}
