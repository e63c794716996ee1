package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.sso.PartnerServer;

/** A failing token command's own error line is shown, but never a credential in it. */
class TokenCommandStderrTest {
    private static final String SECRET = "stderr test secret/with spaces";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDB9.c2lnbmF0dXJlMTIz";

    @TempDir
    Path dir;

    @Test
    void theLastStderrLineIsShownWithTheSecretAndTokenShapedTextRedacted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET);
        Path message = Files.writeString(dir.resolve("message"), "minting...\nmint failed: secret " + SECRET
                + " rejected, stale token " + JWT + " (HTTP 401)\n");
        String command = "cat '" + message + "' >&2; exit 3";
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            for (String kit : new String[]{"check", "verify-pact"}) {
                Cli cli = Cli.run(kit, "--base-url", server.baseUri().toString(), "--secret-file", secret.toString(),
                        "--token-command", command, "--timeout", "2s");
                assertEquals(2, cli.exit(), cli.both());
                assertTrue(cli.err().contains("exited with status 3"), cli.both());
                assertTrue(cli.err().contains("mint failed: secret [REDACTED:secret] rejected, stale token "
                        + "[REDACTED:token-shaped] (HTTP 401)"), cli.both());
                assertFalse(cli.both().contains(SECRET.substring(0, 12)) || cli.both().contains("secret/with"), cli.both());
                assertFalse(cli.both().contains(JWT.substring(20, 32)), cli.both());
            }
        }
    }
}
