package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.hubble.kit.runner.client.ClientCheckCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --baseline and hubble-kit.yaml on client-check: the same baseline transformation and config as the other commands. */
class ClientCheckBaselineTest {
    @TempDir
    Path dir;

    @Test
    void aConfigFileWithABaselineAcceptsTheClientsKnownFailure() throws Exception {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), "- id: client.token.cached\n"
                + "  reason: token cache lands in client 1.3\n  owner: team-client\n  expires: "
                + LocalDate.now().plusDays(3) + "\n");
        // the run command is a YAML literal: quotes and $VARIABLES reach sh -c untouched
        Path config = Files.writeString(dir.resolve("ci.yaml"), "client-check:\n"
                + "  run: >-\n    \"$HUBBLE_KIT_JAVA\" -cp \"$HUBBLE_KIT_CLASSPATH\" " + FaultyClient.class.getName()
                + " LOGIN_EVERY_CALL\n"
                + "  baseline: " + baseline + "\n");
        Run run = ClientCheckCommandTest.clientCheck("--config", config.toString());
        assertEquals("WARN", run.statuses().get("client.token.cached"), run.out() + run.err());
        assertTrue(run.out().contains("accepted until " + LocalDate.now().plusDays(3)), run.out());
        assertEquals(0, run.exit(), run.out() + run.err());
    }
}
