package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.hubble.kit.runner.config.UsageError;
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
        })
public final class HubbleKit implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static {
        try {
            prepareJvm();
        } catch (Throwable e) {
            // mainWithoutExit prepares again and reports the failure in one line; a class initialiser must not throw
        }
    }

    /** JVM-wide settings the commands rely on; idempotent. */
    private static void prepareJvm() {
        // verify-pact runs Pact JVM, which would otherwise report usage over the network.
        System.setProperty("pact_do_not_track", "true");
        // picocli's DefaultFactory otherwise loads groovy.lang.Closure (Groovy is on the class path for Pact),
        // which boots the whole Groovy runtime: a third of a second on every start, for Java annotations.
        System.setProperty("picocli.disable.closures", "true");
    }

    public static void main(String[] args) {
        System.exit(mainWithoutExit(args));
    }

    /** Runs the CLI with the process's own streams and returns the exit code; tests call this. */
    public static int mainWithoutExit(String... args) {
        return mainWithoutExit(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given streams and returns the exit code. */
    public static int mainWithoutExit(PrintWriter out, PrintWriter err, String... args) {
        return run(HubbleKit::commandLine, out, err, args);
    }

    /** The commands come from {@code commands} so a test can add one that throws. */
    static int run(Supplier<CommandLine> commands, PrintWriter out, PrintWriter err, String... args) {
        // One redactor per run, shared by both streams: every line printed passes it once a command registers values.
        com.hubble.kit.runner.report.Redactor redactor = new com.hubble.kit.runner.report.Redactor();
        out = KitOutput.wrap(out, redactor);
        err = KitOutput.wrap(err, redactor);
        try {
            prepareJvm();
            CommandLine commandLine = commands.get();
            commandLine.setOut(out);
            commandLine.setErr(err);
            try {
                KitConfiguration.install(commandLine, System.getenv(), Path.of("").toAbsolutePath(), args);
            } catch (UsageError e) {
                return usage(err, "hubble-kit", e).code(); // the file or environment, before a command runs
            }
            return commandLine.execute(args);
        } catch (Throwable e) {
            // Errors (NoClassDefFoundError, OutOfMemoryError...) pass picocli's handlers: one line, never a trace.
            err.println(internalError(e, System.getenv()));
            err.flush();
            return ExitCode.USAGE.code();
        }
    }

    /** The one place a usage error is shown: "hubble-kit check: message", exit 2. */
    private static ExitCode usage(PrintWriter err, String command, UsageError error) {
        err.println(command + ": " + error.getMessage());
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * "hubble-kit: internal error: Type: message": the throwable's own message only (never its causes'), and only
     * when the JVM or the kit's own code wrote it: a library's message may quote what it was given (a header value,
     * "invalid header value: <the secret>"), so for those only where it was thrown is shown. On one line, cut to
     * 200 characters, with the values of secret-bearing environment variables blanked out; the stream it is printed
     * on redacts the run's secret and tokens as well.
     */
    static String internalError(Throwable e, Map<String, String> environment) {
        String message = e.getMessage();
        StringBuilder line = new StringBuilder("hubble-kit: internal error: ").append(e.getClass().getSimpleName());
        StackTraceElement[] trace = e.getStackTrace();
        boolean ownMessage = e instanceof Error || trace.length == 0 || trace[0].getClassName().startsWith("com.hubble.kit.");
        if (!ownMessage) {
            return line.append(" (thrown in ").append(trace[0].getClassName()).append('.').append(trace[0].getMethodName())
                    .append("; its message is not shown: it may quote a secret)").toString();
        }
        if (message != null && !message.isBlank()) {
            String text = message.strip().replaceAll("[\\p{Cntrl}]+", " ");
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                String name = variable.getKey().toUpperCase(Locale.ROOT);
                String value = variable.getValue();
                if ((name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD"))
                        && value != null && value.length() >= 4) {
                    text = text.replace(value, "[redacted]");
                }
            }
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            line.append(": ").append(text);
        }
        return line.toString();
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HubbleKit());
        // Plain text: every line goes through KitOutput, which escapes control characters (ANSI codes included).
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setUsageHelpWidth(120); // exit-code lines stay on one line each
        // Commands return an ExitCode; picocli counts only Integer results, so the number is read here.
        commandLine.setExecutionStrategy(parseResult -> {
            int code = new CommandLine.RunLast().execute(parseResult);
            List<CommandLine> invoked = parseResult.asCommandLineList();
            return invoked.getLast().getExecutionResult() instanceof ExitCode exit ? exit.code() : code;
        });
        exitCodeFooter(commandLine);
        // A bad flag is a usage error (2), never a stack trace.
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            if (ex.getCause() instanceof CommandLine.TypeConversionException conversion
                    && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                // "--expires-in: 'abc' is not a whole number of seconds": the option, then what it wants; a value from a
                // variable or the config file is named where it was written.
                String where = cmd.getCommandSpec().defaultValueProvider() instanceof KitConfiguration configuration
                        ? configuration.origin(option).map(o -> o + " (" + option.longestName() + ")").orElse(option.longestName())
                        : option.longestName();
                cmd.getErr().println("hubble-kit: " + where + ": " + conversion.getMessage());
            } else if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                cmd.getErr().println("hubble-kit: " + unmatched(unmatched, args));
            } else {
                cmd.getErr().println("hubble-kit: " + ex.getMessage());
            }
            cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UsageError usage) {
                return usage(cmd.getErr(), cmd.getCommandSpec().qualifiedName(), usage).code();
            }
            cmd.getErr().println(internalError(ex, System.getenv()));
            cmd.getErr().flush();
            return ExitCode.USAGE.code();
        });
        return commandLine;
    }

    /**
     * What was not understood, without its values: "--secret VALUE" is the first thing a newcomer tries, and picocli's
     * own message ("Unknown options: '--secret', 'the-secret'") would print the secret into the CI log. Option names
     * are shown (cut at "="), with picocli's nearest options; a word in the command's place is shown (a mistyped
     * command); any other word only counted.
     */
    static String unmatched(CommandLine.UnmatchedArgumentException ex, String[] args) {
        List<String> options = new java.util.ArrayList<>();
        List<String> words = new java.util.ArrayList<>();
        int values = 0;
        for (String argument : ex.getUnmatched()) {
            if (argument.startsWith("-") && argument.length() > 1) {
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                options.add(name.length() > 40 || !name.matches("-{1,2}[A-Za-z0-9][A-Za-z0-9-]*") ? "an option" : name);
            } else if (args.length > 0 && argument.equals(args[0]) && argument.matches("[a-z][a-z-]{0,29}")) {
                words.add("'" + argument + "'");
            } else {
                values++;
            }
        }
        List<String> suggestions = ex.getSuggestions().stream().filter(s -> s.matches("-{0,2}[A-Za-z0-9][A-Za-z0-9-]*"))
                .limit(3).toList();
        String nearest = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        StringBuilder line = new StringBuilder();
        if (!options.isEmpty()) {
            line.append(options.size() == 1 ? "unknown option " : "unknown options ").append(String.join(", ", options))
                    .append(nearest);
        }
        if (!words.isEmpty()) {
            line.append(line.isEmpty() ? "" : "; ").append("unknown command ").append(String.join(", ", words))
                    .append(options.isEmpty() ? nearest : "");
        }
        if (values > 0) {
            line.append(line.isEmpty() ? "" : "; ").append(values).append(values == 1 ? " value" : " values")
                    .append(" not understood (not shown: it may be a secret)");
        }
        if (options.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains("secret"))) {
            line.append("; the secret is never a flag: export HUBBLE_SECRET (or name another variable with --secret-env) "
                    + "or give --secret-file PATH");
        }
        return line.toString();
    }

    /**
     * Every command's --help ends with the exit-code table, set here from {@link ExitCode#helpSection()} (an
     * annotation cannot call it; a "%s" placeholder there printed literally, with a picocli warning).
     */
    private static void exitCodeFooter(CommandLine command) {
        command.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.helpSection());
        command.getSubcommands().values().forEach(HubbleKit::exitCodeFooter);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
