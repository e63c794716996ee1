package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.hubble.kit.runner.client.ClientCatalogue;
import com.hubble.kit.runner.report.Check;
import com.hubble.kit.runner.sso.SsoCatalogue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.CheckInfo;

/** Prints one check: its rule, the source it enforces, what it sends, how to fix a failure. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains one check: its rule, the source sentence or RFC it enforces, what it sends, how to fix a failure.")
public final class ExplainCommand implements Callable<ExitCode> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A check id, e.g. sso.token.expired or client.token.cached (see 'hubble-kit list').")
    String id;

    @Override
    public ExitCode call() {
        Optional<Check<?>> check = SsoCatalogue.find(id, false).<Check<?>>map(c -> c)
                .or(() -> ClientCatalogue.find(id).map(c -> c));
        java.util.List<com.hubble.kit.runner.pact.PactInteractionCheck> pact = id.startsWith("pact.")
                ? bundledPactChecks() : java.util.List.of(); // verify-pact's: one per interaction of the bundled contract
        if (check.isEmpty()) {
            check = pact.stream().filter(c -> c.info().id().equals(id)).<Check<?>>map(c -> c).findFirst();
        }
        if (check.isEmpty()) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            SsoCatalogue.checks(false).forEach(c -> ids.add(c.info().id()));
            ClientCatalogue.checks().forEach(c -> ids.add(c.info().id()));
            pact.forEach(c -> ids.add(c.info().id()));
            String nearest = com.hubble.kit.runner.config.NearestKey.to(id, ids)
                    .filter(known -> com.hubble.kit.runner.config.NearestKey.distance(id, known) <= Math.max(2, id.length() / 5))
                    .map(known -> " Did you mean " + known + "?").orElse("");
            throw new UsageError("no check with id '" + id + "'." + nearest + " Run 'hubble-kit list' for the ids"
                    + (id.startsWith("pact.") ? "; verify-pact's ids come from the contract's interactions" : "") + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(explain(check.get().info()));
        out.flush();
        return ExitCode.SUCCESS;
    }

    private static java.util.List<com.hubble.kit.runner.pact.PactInteractionCheck> bundledPactChecks() {
        return com.hubble.kit.runner.pact.ContractVerifier.checks(
                com.hubble.kit.runner.pact.ContractFile.load(Optional.empty()));
    }

    static String explain(CheckInfo check) {
        String level = check.severity() + check.escalation().map(e -> ", or " + e).orElse("");
        return check.id() + "  [" + level + "]  " + check.area() + "\n"
                + check.title() + "\n\n"
                + "Rule:   " + check.requirement() + "\n\n"
                + "Sends:  " + check.sends() + "\n\n"
                + "Fix:    " + check.fix() + "\n";
    }
}
