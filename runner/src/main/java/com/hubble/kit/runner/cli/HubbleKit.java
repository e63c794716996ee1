package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.hubble.kit.runner.config.ConfigException;
import com.hubble.kit.runner.config.KitConfiguration;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hubble-kit command line: one root command, one class per subcommand. */
@Command(name = "hubble-kit",
        mixinStandardHelpOptions = true,
        version = "hubble-kit 0.1.0",
        description = "Checks Hubble partner integrations: a partner's /sso endpoint, a partner's Hubble API client, Pact contracts.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CheckCommand.class,
                ListCommand.class,
                ExplainCommand.class,
                ServeCommand.class,
                MintCommand.class,
                VerifyPactCommand.class,
                ClientCheckCommand.class,
                SandboxCommand.class,
                LoginDoctorCommand.class,
                BaselineCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = "%s")
public final class HubbleKit implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static {
        // The TLS probe offers TLS 1.0/1.1 to check they are refused; the JDK reads this before any SSLContext.
        com.hubble.kit.runner.sso.probe.TlsSupport.allowLegacyProbing();
    }

    public static void main(String[] args) {
        System.setProperty("pact_do_not_track", "true");
        System.exit(mainWithoutExit(args));
    }

    /** Runs the CLI with the process's own streams and returns the exit code; tests call this. */
    public static int mainWithoutExit(String... args) {
        return mainWithoutExit(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given streams and returns the exit code. */
    public static int mainWithoutExit(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            KitConfiguration.install(commandLine, System.getenv(), Path.of("").toAbsolutePath(), args);
        } catch (ConfigException e) {
            err.println("hubble-kit: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        return commandLine.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HubbleKit());
        commandLine.setUsageHelpWidth(120); // exit-code lines stay on one line each
        commandLine.getCommandSpec().usageMessage().footer(ExitCode.helpSection());
        commandLine.getSubcommands().get("check").getCommandSpec().usageMessage().footer(ExitCode.helpSection());
        // A bad flag is a usage error (2), never a stack trace.
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("hubble-kit: " + ex.getMessage());
            cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("hubble-kit: internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            return ExitCode.USAGE.code();
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
