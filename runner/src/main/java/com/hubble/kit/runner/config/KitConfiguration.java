package com.hubble.kit.runner.config;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Option values for {@code check}, {@code verify-pact} and {@code client-check} from a config file
 * ({@code hubble-kit.yaml} in the working directory, or {@code --config FILE}; the former is untrusted, so keys that
 * run commands or choose which secret is sent are accepted only from the latter) and from
 * {@code HUBBLE_KIT_<COMMAND>_<OPTION>} environment variables. Precedence: flags over environment over file;
 * picocli only asks this provider for options the command line did not set. The file's keys are the commands'
 * own option names, so a new option is configurable without touching this class. This class wires the values into
 * picocli; {@link Invocation} finds the command and --config in the raw arguments, {@link ConfigFile} and
 * {@link ConfigEnvironment} read the values, {@link SecretKeyRule} and {@link ImplicitFileTrust} refuse keys.
 */
public final class KitConfiguration implements CommandLine.IDefaultValueProvider {
    public static final String FILE_NAME = "hubble-kit.yaml";
    public static final String ENV_PREFIX = "HUBBLE_KIT_";
    /** The commands that read the file; {@code serve} and {@code mint} have their own --config (the reference server's). */
    public static final List<String> COMMANDS = List.of("check", "verify-pact", "client-check");
    private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "no-config", "help", "version");
    private final CommandSpec command;
    private final Map<String, List<String>> fromEnvironment;
    private final Map<String, List<String>> fromFile;
    /** The file as the user named it (for messages), or null; and the option names the command line gave. */
    private final String fileShown;
    private final Set<String> givenOnTheCommandLine;

    private KitConfiguration(CommandSpec command, Map<String, List<String>> fromEnvironment,
                             Map<String, List<String>> fromFile, String fileShown, Set<String> givenOnTheCommandLine) {
        this.command = command;
        this.fromEnvironment = fromEnvironment;
        this.fromFile = fromFile;
        this.fileShown = fileShown;
        this.givenOnTheCommandLine = Set.copyOf(givenOnTheCommandLine);
    }

    /**
     * Where an option's value came from when not from the command line: the variable
     * ({@code HUBBLE_KIT_CHECK_PARALLELISM}) or the file and key ({@code hubble-kit.yaml: check.parallelism}), so a
     * bad value is reported where it can be fixed.
     */
    public Optional<String> origin(OptionSpec option) {
        if (option.command() != command
                || java.util.Arrays.stream(option.names()).anyMatch(givenOnTheCommandLine::contains)) {
            return Optional.empty();
        }
        String key = key(option);
        if (fromEnvironment.containsKey(key)) {
            return Optional.of(environmentName(command.name(), key));
        }
        if (fromFile.containsKey(key) && fileShown != null) {
            return Optional.of(fileShown + ": " + command.name() + "." + key);
        }
        return Optional.empty();
    }

    /**
     * Adds {@code --config FILE} to the config-aware subcommands of {@code root} and, when {@code args} run one of
     * them, installs the file and environment values as picocli defaults. Throws when the file or a variable is
     * unusable, naming the key.
     */
    public static void install(CommandLine root, Map<String, String> environment, Path workingDirectory, String... args)
            throws UsageError {
        for (String name : COMMANDS) {
            CommandLine sub = root.getSubcommands().get(name);
            if (sub != null && sub.getCommandSpec().findOption("--config") == null) {
                sub.getCommandSpec().addOption(OptionSpec.builder("--config")
                        .paramLabel("FILE")
                        .type(Path.class)
                        .description("Options from this YAML file (default: ./" + FILE_NAME + " when present, which, not being "
                                + "chosen by you, may not set commands or secret sources). Precedence: flags, then "
                                + ENV_PREFIX + "<COMMAND>_<OPTION> variables, then the file.")
                        .build());
            }
            if (sub != null && sub.getCommandSpec().findOption(Invocation.NO_CONFIG) == null) {
                sub.getCommandSpec().addOption(OptionSpec.builder(Invocation.NO_CONFIG)
                        .type(boolean.class)
                        .description("Read no config file, not even ./" + FILE_NAME + " (say, to check the embedded "
                                + "reference in a checkout whose " + FILE_NAME + " points at a partner).")
                        .build());
            }
        }
        Optional<Invocation> invocation = Invocation.of(root, args);
        if (invocation.isEmpty()) {
            return;
        }
        CommandLine sub = root.getSubcommands().get(invocation.get().command());
        Map<String, CommandSpec> configurable = new LinkedHashMap<>();
        for (String name : COMMANDS) {
            if (root.getSubcommands().containsKey(name)) {
                configurable.put(name, root.getSubcommands().get(name).getCommandSpec());
            }
        }
        Map<String, Map<String, List<String>>> file = Map.of();
        if (invocation.get().noConfig() && invocation.get().configFile().isPresent()) {
            throw new UsageError("give --config FILE or " + Invocation.NO_CONFIG + ", not both");
        }
        Optional<Path> path = invocation.get().configFile().map(workingDirectory::resolve);
        if (path.isPresent() && !Files.isRegularFile(path.get())) {
            throw new UsageError("config file " + invocation.get().configFile().get()
                    + (Files.isDirectory(path.get()) ? " is a directory; give a YAML file" : " does not exist"));
        }
        Path implicit = workingDirectory.resolve(FILE_NAME);
        if (path.isEmpty() && !invocation.get().noConfig() && Files.isRegularFile(implicit)) {
            path = Optional.of(implicit);
        }
        Map<String, List<String>> env = ConfigEnvironment.read(environment, invocation.get().command(), sub.getCommandSpec());
        if (path.isPresent()) {
            String shown = invocation.get().configFile().orElse(FILE_NAME);
            // Keys this run takes from a flag or a variable: the file's values for them are never used.
            java.util.Set<String> given = new java.util.HashSet<>(env.keySet());
            configurableOptions(sub.getCommandSpec()).forEach((key, option) -> {
                if (java.util.Arrays.stream(option.names()).anyMatch(invocation.get().optionNames()::contains)) {
                    given.add(key);
                }
            });
            file = ConfigFile.read(path.get(), shown, configurable, invocation.get().configFile().isPresent(),
                    invocation.get().command(), given);
        }
        KitConfiguration defaults = new KitConfiguration(sub.getCommandSpec(), env,
                file.getOrDefault(invocation.get().command(), Map.of()),
                path.isPresent() ? invocation.get().configFile().orElse(FILE_NAME) : null, invocation.get().optionNames());
        root.setDefaultValueProvider(defaults);
        CommandLine.IExecutionStrategy strategy = root.getExecutionStrategy();
        root.setExecutionStrategy(parseResult -> {
            defaults.applyListValues(parseResult);
            return strategy.execute(parseResult);
        });
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.command() != command || option.isMultiValue()) {
            return null;
        }
        List<String> values = lookUp(key(option));
        return values == null ? null : values.getFirst();
    }

    /**
     * Picocli takes one default string per option, so repeatable options (--skip, --only) are set here, after
     * parsing, unless the command line gave them.
     */
    public void applyListValues(ParseResult parseResult) {
        ParseResult sub = parseResult.subcommand();
        if (sub == null || sub.commandSpec() != command) {
            return;
        }
        for (OptionSpec option : command.options()) {
            if (!option.isMultiValue() || sub.hasMatchedOption(option)) {
                continue;
            }
            List<String> values = lookUp(key(option));
            if (values == null) {
                continue;
            }
            if (option.type().isArray()) {
                Object array = Array.newInstance(option.type().getComponentType(), values.size());
                for (int i = 0; i < values.size(); i++) {
                    Array.set(array, i, values.get(i));
                }
                option.setValue(array);
            } else {
                option.setValue(new ArrayList<>(values));
            }
        }
    }

    private List<String> lookUp(String key) {
        return fromEnvironment.containsKey(key) ? fromEnvironment.get(key) : fromFile.get(key);
    }

    /** The config key of an option: its long name without dashes ({@code --base-url} -> {@code base-url}). */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable for an option: {@code HUBBLE_KIT_VERIFY_PACT_BASE_URL}. */
    public static String environmentName(String command, String key) {
        return ENV_PREFIX + (command + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static Map<String, OptionSpec> configurableOptions(CommandSpec spec) {
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (option.longestName().startsWith("--") && !NOT_CONFIGURABLE.contains(key)) {
                options.put(key, option);
            }
        }
        return options;
    }
}
