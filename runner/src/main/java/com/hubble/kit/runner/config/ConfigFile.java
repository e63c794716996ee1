package com.hubble.kit.runner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values from a YAML config file: top-level keys are command names, their keys the commands' long option
 * names; unknown keys are errors naming the nearest valid one.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * The file's values by command. An implicit file (not given with --config) may not set the keys
     * {@link ImplicitFileTrust} names for the command being run, unless this run takes them from a flag or a variable
     * ({@code given}): its value would never be used. Such keys of the other commands' sections are left out without
     * an error: this run does not use them, and the same file may serve a trusted {@code --config} run of theirs.
     */
    static Map<String, Map<String, List<String>>> read(Path path, String shown, Map<String, CommandSpec> commands,
                                                       boolean explicit, String running, java.util.Set<String> given)
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
            Map<String, OptionSpec> options = KitConfiguration.configurableOptions(spec);
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Config entry : section.asNodeList().get()) {
                String key = entry.name();
                String where = shown + ": " + command + "." + key;
                SecretKeyRule.reject(key, where, options.keySet(), command);
                OptionSpec option = options.get(key);
                if (option == null) {
                    throw new UsageError(shown + ": unknown key '" + command + "." + key + "'"
                            + suggestion(key, options.keySet()) + "; valid keys for " + command + ": "
                            + String.join(", ", new TreeSet<>(options.keySet())));
                }
                List<String> value = valuesOf(entry, option, where);
                if (!explicit && ImplicitFileTrust.untrusted(key)) {
                    if (command.equals(running) && !given.contains(key)) {
                        ImplicitFileTrust.reject(key, command, shown);
                    }
                    continue;
                }
                values.put(key, value);
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

    static String suggestion(String key, Collection<String> valid) {
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
}
