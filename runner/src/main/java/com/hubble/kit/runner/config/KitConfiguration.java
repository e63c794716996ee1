package com.hubble.kit.runner.config;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
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
 * own option names, so a new option is configurable without touching this class.
 */
public final class KitConfiguration implements CommandLine.IDefaultValueProvider {
    public static final String FILE_NAME = "hubble-kit.yaml";
    public static final String ENV_PREFIX = "HUBBLE_KIT_";
    /** The commands that read the file; {@code serve} and {@code mint} have their own --config (the reference server's). */
    public static final List<String> COMMANDS = List.of("check", "verify-pact", "client-check");
    private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version");
    // Options whose value would be a secret itself; the file and the environment take references only.
    private static final Pattern SECRET_VALUE = Pattern.compile("(^|-)(secret|token|password|passwd|api-key|private-key|credentials)$");
    // Keys only an explicit --config, a flag or a variable may set: in a file found in the working directory, whoever
    // can change the checkout (an untrusted pull request) would choose what runs, or which secret is sent where.
    private static final Pattern RUNS_COMMAND = Pattern.compile("(^|-)command$|^run$");
    private static final Pattern CHOOSES_SECRET = Pattern.compile(
            "-env$|(^|-)(secret|token|password|passwd|api-key|private-key|credentials)-file$");

    private final CommandSpec command;
    private final Map<String, List<String>> fromEnvironment;
    private final Map<String, List<String>> fromFile;

    private KitConfiguration(CommandSpec command, Map<String, List<String>> fromEnvironment,
                             Map<String, List<String>> fromFile) {
        this.command = command;
        this.fromEnvironment = fromEnvironment;
        this.fromFile = fromFile;
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
        Optional<Path> path = invocation.get().configFile().map(workingDirectory::resolve);
        if (path.isPresent() && !Files.isRegularFile(path.get())) {
            throw new UsageError("config file " + invocation.get().configFile().get() + " does not exist");
        }
        Path implicit = workingDirectory.resolve(FILE_NAME);
        if (path.isEmpty() && Files.isRegularFile(implicit)) {
            path = Optional.of(implicit);
        }
        if (path.isPresent()) {
            String shown = invocation.get().configFile().orElse(FILE_NAME);
            file = readFile(path.get(), shown, configurable, invocation.get().configFile().isPresent());
        }
        Map<String, List<String>> env = readEnvironment(environment, invocation.get().command(), sub.getCommandSpec());
        KitConfiguration defaults = new KitConfiguration(sub.getCommandSpec(), env,
                file.getOrDefault(invocation.get().command(), Map.of()));
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

    private static Map<String, List<String>> readEnvironment(Map<String, String> environment, String command,
                                                             CommandSpec spec) throws UsageError {
        Map<String, OptionSpec> options = configurableOptions(spec);
        Map<String, String> byVariable = new LinkedHashMap<>();
        options.keySet().forEach(key -> byVariable.put(environmentName(command, key), key));
        String prefix = environmentName(command, "");
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (!variable.startsWith(prefix)) {
                continue;
            }
            String key = byVariable.get(variable);
            if (key == null) {
                String guessed = variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                rejectSecretValue(guessed, "environment variable " + variable, options.keySet(), command);
                throw new UsageError("unknown environment variable " + variable + " (did you mean "
                        + environmentName(command, NearestKey.to(guessed, options.keySet()).orElse("")) + "?)");
            }
            rejectSecretValue(key, "environment variable " + variable, options.keySet(), command);
            String raw = environment.get(variable);
            values.put(key, options.get(key).isMultiValue()
                    ? Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                    : List.of(raw));
        }
        return values;
    }

    private static Map<String, Map<String, List<String>>> readFile(Path path, String shown,
                                                                   Map<String, CommandSpec> commands, boolean explicit)
            throws UsageError {
        Config root;
        try {
            String yaml = Files.readString(path, StandardCharsets.UTF_8);
            root = Config.builder(ConfigSources.create(yaml, MediaTypes.APPLICATION_YAML))
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .disableValueResolving()
                    .disableKeyResolving()
                    .disableFilterServices()
                    .build();
            root.type();
        } catch (IOException e) {
            throw new UsageError("cannot read config file " + shown + ": " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw new UsageError("config file " + shown + " is not valid YAML: " + firstLine(e));
        }
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        if (!root.exists() || root.type() == Config.Type.MISSING) {
            return sections;
        }
        if (root.type() != Config.Type.OBJECT) {
            throw new UsageError(shown + ": the top level must map command names (" + String.join(", ", commands.keySet())
                    + ") to their options");
        }
        for (Config section : root.asNodeList().get()) {
            String command = section.name();
            CommandSpec spec = commands.get(command);
            if (spec == null) {
                throw new UsageError(shown + ": unknown key '" + command + "'" + suggestion(command, commands.keySet())
                        + "; top-level keys are command names: " + String.join(", ", commands.keySet()));
            }
            if (section.type() != Config.Type.OBJECT) {
                throw new UsageError(shown + ": '" + command + "' must hold that command's options as keys");
            }
            Map<String, OptionSpec> options = configurableOptions(spec);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Config entry : section.asNodeList().get()) {
                String key = entry.name();
                String where = shown + ": " + command + "." + key;
                rejectSecretValue(key, where, options.keySet(), command);
                OptionSpec option = options.get(key);
                if (option == null) {
                    throw new UsageError(shown + ": unknown key '" + command + "." + key + "'"
                            + suggestion(key, options.keySet()) + "; valid keys for " + command + ": "
                            + String.join(", ", new TreeSet<>(options.keySet())));
                }
                if (!explicit) {
                    rejectUntrustedKey(key, command, shown);
                }
                values.put(key, valuesOf(entry, option, where));
            }
            sections.put(command, values);
        }
        return sections;
    }

    private static List<String> valuesOf(Config entry, OptionSpec option, String where) throws UsageError {
        switch (entry.type()) {
            case VALUE -> {
                return List.of(entry.asString().orElse(""));
            }
            case LIST -> {
                List<String> values = new ArrayList<>();
                for (Config element : entry.asNodeList().get()) {
                    if (element.type() != Config.Type.VALUE) {
                        throw new UsageError(where + ": list elements must be plain values");
                    }
                    values.add(element.asString().get());
                }
                if (!option.isMultiValue() && values.size() != 1) {
                    throw new UsageError(where + ": takes one value, not a list");
                }
                return values;
            }
            default -> throw new UsageError(where + ": expects a value" + (option.isMultiValue() ? " or a list" : ""));
        }
    }

    /** A key that would put a secret itself into the file or the environment: say how to reference it instead. */
    private static void rejectSecretValue(String key, String where, Collection<String> valid, String command)
            throws UsageError {
        if (!SECRET_VALUE.matcher(key).find()) {
            return;
        }
        List<String> references = valid.stream()
                .filter(candidate -> candidate.startsWith(key + "-") || candidate.endsWith("-" + key + "-command"))
                .sorted()
                .toList();
        String how = references.isEmpty()
                ? "reference it instead: secret-env (an environment variable name) or secret-file (a file path)"
                : "reference it instead with " + String.join(" or ", references.stream()
                        .map(KitConfiguration::describeReference).toList());
        throw new UsageError(where + " would hold a secret value; secrets are never read from configuration; "
                + how + " (valid for " + command + ")");
    }

    /** A key an implicit file may not set: say why, and how to give it from a trusted place. */
    private static void rejectUntrustedKey(String key, String command, String shown) throws UsageError {
        String why;
        if (RUNS_COMMAND.matcher(key).find()) {
            why = "runs a command";
        } else if (CHOOSES_SECRET.matcher(key).find()) {
            why = key.endsWith("-env") ? "chooses which environment variable is sent to the target as a secret"
                    : "chooses which file is sent to the target as a secret";
        } else {
            return;
        }
        throw new UsageError(shown + ": " + command + "." + key + " " + why + ", and " + shown
                + " was found in the working directory, not given with --config: whoever can change the checkout "
                + "(an untrusted pull request, say) would choose that. If you trust this file, pass it explicitly "
                + "(--config " + shown + "); or give --" + key + " or " + environmentName(command, key));
    }

    private static String describeReference(String key) {
        return key + (key.endsWith("-env") ? " (an environment variable name)"
                : key.endsWith("-file") ? " (a file path)"
                : key.endsWith("-command") ? " (a command that prints it)" : "");
    }

    private static String suggestion(String key, Collection<String> valid) {
        return NearestKey.to(key, valid).map(nearest -> " (did you mean '" + nearest + "'?)").orElse("");
    }

    private static String firstLine(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().limit(4).reduce((a, b) -> a + " " + b.trim()).orElse(message);
    }

    /** Which config-aware subcommand the arguments run, and the --config value given to it. */
    record Invocation(String command, Optional<String> configFile) {
        static Optional<Invocation> of(CommandLine root, String... args) {
            int i = 0;
            while (i < args.length && args[i].startsWith("-")) {
                i++;
            }
            if (i >= args.length || !COMMANDS.contains(args[i]) || !root.getSubcommands().containsKey(args[i])) {
                return Optional.empty();
            }
            String command = args[i];
            Optional<String> file = Optional.empty();
            for (int j = i + 1; j < args.length; j++) {
                if (args[j].equals("--")) {
                    break;
                }
                if (args[j].equals("--config") && j + 1 < args.length) {
                    file = Optional.of(args[j + 1]);
                } else if (args[j].startsWith("--config=")) {
                    file = Optional.of(args[j].substring("--config=".length()));
                }
            }
            return Optional.of(new Invocation(command, file));
        }
    }
}
