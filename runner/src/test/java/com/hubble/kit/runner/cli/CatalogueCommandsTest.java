package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.sso.SsoCatalogue;
import com.hubble.kit.runner.sso.SsoCheck;

/** list and explain print the one catalogue; the docs embed it verbatim. */
class CatalogueCommandsTest {
    /** Every /sso check id, in run order: ids are a stable interface (add, never rename). */
    private static final List<String> ISSUE_IDS = List.of(
            "sso.valid.status", "sso.valid.content-type", "sso.valid.schema", "sso.valid.identity", "sso.valid.profile",
            "sso.valid.email", "sso.valid.no-store", "sso.secret.header-case", "sso.token.random", "sso.token.tampered",
            "sso.token.empty", "sso.token.missing", "sso.token.expired", "sso.token.wrong-type", "sso.token.oversized",
            "sso.token.injection", "sso.token.replay", "sso.secret.missing", "sso.secret.empty", "sso.secret.wrong",
            "sso.secret.variants", "sso.secret.before-token", "sso.method.get", "sso.body.malformed",
            "sso.body.unknown-fields", "sso.body.oversized", "sso.errors.json", "sso.errors.no-stack-trace",
            "sso.errors.no-secret-echo", "sso.transport.https", "sso.transport.tls", "sso.transport.no-redirect",
            "sso.perf.latency", "sso.perf.concurrency", "sso.perf.timing-leak");

    @Test
    void theCatalogueHasEveryIdOfTheIssueOnceEachWithARequirementAndAFix() {
        List<SsoCheck<?>> checks = SsoCatalogue.checks(false);
        assertEquals(ISSUE_IDS, checks.stream().map(SsoCheck::id).toList());
        Set<String> titles = new HashSet<>();
        for (SsoCheck<?> check : checks) {
            CheckInfo info = check.info();
            assertTrue(info.requirement().length() > 20, check.id());
            assertTrue(info.fix().length() > 20, check.id());
            assertTrue(titles.add(info.title()), "duplicate title " + info.title());
            assertEquals(check.probe().describe(), info.sends(), check.id() + " says it sends what its probe sends");
        }
    }

    @Test
    void listPrintsEveryId() {
        Cli cli = Cli.run("list");
        assertEquals(0, cli.exit());
        ISSUE_IDS.forEach(id -> assertTrue(cli.out().contains(id), id));
    }

    @Test
    void explainPrintsTheRuleWhatItSendsAndTheFix() {
        Cli cli = Cli.run("explain", "sso.secret.wrong");
        assertEquals(0, cli.exit());
        assertTrue(cli.out().contains("Rule:") && cli.out().contains("X-Hubble-Secret"), cli.out());
        assertTrue(cli.out().contains("Sends:") && cli.out().contains("last character changed"), cli.out());
        assertTrue(cli.out().contains("Fix:"), cli.out());
    }

    @Test
    void listAlsoPrintsEveryClientCheckOfClientCheck() {
        Cli cli = Cli.run("list");
        com.hubble.kit.runner.client.ClientCatalogue.checks()
                .forEach(check -> assertTrue(cli.out().contains(check.id()), check.id()));
    }

    @Test
    void explainKnowsTheClientChecksToo() {
        Cli cli = Cli.run("explain", "client.token.cached");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("Rule:") && cli.out().contains("Fix:"), cli.out());
        assertTrue(cli.out().startsWith("client.token.cached  [MUST]"), cli.out());
    }

    @Test
    void explainOfAnUnknownIdIsAUsageError() {
        Cli cli = Cli.run("explain", "sso.nope");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().startsWith("hubble-kit explain: no check with id 'sso.nope'"), cli.err());
        assertTrue(cli.err().contains("hubble-kit list"), cli.err());
    }

    @Test
    void explainKnowsVerifyPactsChecksOfTheBundledContractAndSuggestsTheNearestId() {
        String id = com.hubble.kit.runner.pact.ContractVerifier.checks(
                com.hubble.kit.runner.pact.ContractFile.load(java.util.Optional.empty())).getFirst().info().id();
        Cli cli = Cli.run("explain", id);
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().startsWith(id + "  [MUST]  Pact contract"), cli.out());
        assertTrue(cli.out().contains("Rule:") && cli.out().contains("Fix:"), cli.out());
        Cli typo = Cli.run("explain", "sso.token.expird");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean sso.token.expired?"), typo.err());
        Cli pactTypo = Cli.run("explain", id.substring(0, id.length() - 1));
        assertEquals(2, pactTypo.exit());
        assertTrue(pactTypo.err().contains("Did you mean " + id + "?"), pactTypo.err());
    }

    @Test
    void theDocsEmbedTheGeneratedCatalogueVerbatim() throws IOException {
        Path doc = Path.of("CHECK.md");
        String text = Files.readString(doc);
        String begin = "<!-- catalogue:begin (generated by 'hubble-kit list --markdown'; a test keeps it equal) -->\n";
        String end = "<!-- catalogue:end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "CHECK.md has the catalogue markers");
        assertEquals(ListCommand.markdown(), text.substring(from + begin.length(), to));
    }
}
