package com.hubble.kit.runner.config;

import java.util.Optional;

import picocli.CommandLine;

/**
 * Which config-aware subcommand the arguments run, and the --config value given to it: read from the raw arguments
 * before picocli parses them, because the file's values must be installed as defaults before that parse.
 */
record Invocation(String command, Optional<String> configFile) {
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
