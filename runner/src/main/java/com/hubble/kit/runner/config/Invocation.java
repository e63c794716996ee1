package com.hubble.kit.runner.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine;

/**
 * Which config-aware subcommand the arguments run, the --config value given to it, whether --no-config was given, and
 * the option names on the command line ({@code --x=v} counts as {@code --x}): read from the raw arguments before
 * picocli parses them, because the file's values must be installed as defaults before that parse.
 */
record Invocation(String command, Optional<String> configFile, boolean noConfig, Set<String> optionNames) {
    static final String NO_CONFIG = "--no-config";

    Invocation {
        optionNames = Set.copyOf(optionNames);
    }

    static Optional<Invocation> of(CommandLine root, String... args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i++;
        }
        if (i >= args.length || !KitConfiguration.COMMANDS.contains(args[i]) || !root.getSubcommands().containsKey(args[i])) {
            return Optional.empty();
        }
        String command = args[i];
        Optional<String> file = Optional.empty();
        boolean noConfig = false;
        Set<String> names = new LinkedHashSet<>();
        for (int j = i + 1; j < args.length; j++) {
            if (args[j].equals("--")) {
                break;
            }
            if (args[j].startsWith("-")) {
                names.add(args[j].contains("=") ? args[j].substring(0, args[j].indexOf('=')) : args[j]);
            }
            if (args[j].equals("--config") && j + 1 < args.length) {
                file = Optional.of(args[j + 1]);
            } else if (args[j].startsWith("--config=")) {
                file = Optional.of(args[j].substring("--config=".length()));
            } else if (args[j].equals(NO_CONFIG)) {
                noConfig = true;
            }
        }
        return Optional.of(new Invocation(command, file, noConfig, names));
    }
}
