package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.hubble.kit.runner.client.ClientCatalogue;
import com.hubble.kit.runner.report.Check;
import com.hubble.kit.runner.sso.SsoCatalogue;
import com.hubble.kit.runner.sso.SsoCheck;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import com.hubble.kit.runner.report.CheckInfo;

/** Prints both catalogues: the /sso checks of 'check' and the client checks of 'client-check'. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Prints the catalogues: the /sso checks of 'check' and the client checks of 'client-check' (id, severity, area, title).")
public final class ListCommand implements Callable<ExitCode> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--markdown", description = "Print a Markdown table (the docs' catalogue is generated this way).")
    boolean markdown;

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown ? markdown() : text());
        out.flush();
        return ExitCode.SUCCESS;
    }

    static String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-28s %-7s %-17s %s%n", "ID", "LEVEL", "AREA", "TITLE"));
        text.append("-- hubble-kit check (a partner's POST /sso)\n");
        for (SsoCheck<?> check : SsoCatalogue.checks(false)) {
            text.append(row(check));
        }
        text.append("-- hubble-kit client-check (a partner's client of Hubble's API)\n");
        for (Check<?> check : ClientCatalogue.checks()) {
            text.append(row(check));
        }
        text.append("\n* " + escalations() + ".\nRun 'hubble-kit explain ID' for a check's rule, what it sends and how to fix a failure.\n");
        return text.toString();
    }

    /** The footnote for the starred levels: "MUST with --single-use", from the catalogue. */
    private static String escalations() {
        return SsoCatalogue.checks(false).stream().flatMap(c -> c.info().escalation().stream()).map(Object::toString)
                .distinct().collect(java.util.stream.Collectors.joining("; "));
    }

    private static String row(Check<?> check) {
        CheckInfo info = check.info();
        String level = info.severity().name() + (info.escalation().isPresent() ? "*" : "");
        return String.format("%-28s %-7s %-17s %s%n", info.id(), level, info.area(), info.title());
    }

    /** The /sso catalogue as a Markdown table; runner/CHECK.md embeds exactly this (a test keeps them equal). */
    public static String markdown() {
        StringBuilder md = new StringBuilder("| id | level | area | check |\n|---|---|---|---|\n");
        SsoCatalogue.checks(false).forEach(check -> md.append(markdownRow(check.info())));
        return md.toString();
    }

    /** The client-check catalogue as a Markdown table; reference-impl/CLIENT.md embeds exactly this (a test keeps them equal). */
    public static String clientMarkdown() {
        StringBuilder md = new StringBuilder("| id | level | area | check |\n|---|---|---|---|\n");
        ClientCatalogue.checks().forEach(check -> md.append(markdownRow(check.info())));
        return md.toString();
    }

    private static String markdownRow(CheckInfo info) {
        String level = info.severity().name() + info.escalation().map(e -> " (" + e + ")").orElse("");
        return "| `" + info.id() + "` | " + level + " | " + info.area() + " | " + info.title().replace("|", "\\|") + " |\n";
    }
}
