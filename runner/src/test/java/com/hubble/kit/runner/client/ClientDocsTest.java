package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.hubble.kit.runner.cli.ExitCode;
import com.hubble.kit.runner.cli.ListCommand;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Verdict;

import org.junit.jupiter.api.Test;

/** The user docs and the gate agree with the catalogue. */
class ClientDocsTest {

    @Test
    void clientMdDocumentsEveryCheckWithItsLevel() throws Exception {
        String docs = Files.readString(Path.of("../reference-impl/CLIENT.md"));
        for (ClientCheck check : ClientCatalogue.checks()) {
            assertTrue(docs.contains("| `" + check.id() + "` | " + check.info().severity() + " |"),
                    "CLIENT.md lacks a row for " + check.id() + " at " + check.info().severity());
        }
    }

    @Test
    void clientMdEmbedsTheGeneratedClientCatalogueVerbatim() throws Exception {
        String docs = Files.readString(Path.of("../reference-impl/CLIENT.md"));
        String begin = "<!-- client-catalogue:begin (generated from the client-check catalogue; ClientDocsTest keeps it equal) -->\n";
        String end = "<!-- client-catalogue:end -->";
        int from = docs.indexOf(begin);
        int to = docs.indexOf(end);
        assertTrue(from >= 0 && to > from, "CLIENT.md has the client-catalogue markers");
        assertEquals(ListCommand.clientMarkdown(), docs.substring(from + begin.length(), to));
    }

    @Test
    void aClientThatOnlyLogsInIsIncompleteNotCompliant() {
        Report report = grade(new Traffic().login().session(), false);
        assertEquals(Verdict.INCOMPLETE, report.verdict());
        assertEquals(ExitCode.INCOMPLETE, ExitCode.of(report.verdict()));
    }

    @Test
    void aSessionWithOnlyAShouldFailureGatesOnlyUnderStrict() {
        Traffic neverRetried = new Traffic().login().call("a").call("b").call("c").call("d").revokedCall("e")
                .login().call("f");
        assertEquals(ExitCode.SUCCESS, ExitCode.of(grade(neverRetried.session(), false).verdict()));
        assertEquals(ExitCode.NON_COMPLIANT, ExitCode.of(grade(neverRetried.session(), true).verdict()));
    }

    private static Report grade(ClientSession session, boolean strict) {
        return ClientGrader.grade(session, "recorded session", Instant.now(), strict, List.of(), result -> { });
    }
}
