package com.hubble.kit.runner.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Option values from {@code HUBBLE_KIT_<COMMAND>_<OPTION>} variables; an unknown one is an error naming the nearest. */
final class ConfigEnvironment {
    private ConfigEnvironment() {
    }

    static Map<String, List<String>> read(Map<String, String> environment, String command,
                                                             CommandSpec spec) throws UsageError {
        Map<String, OptionSpec> options = KitConfiguration.configurableOptions(spec);
        Map<String, String> byVariable = new LinkedHashMap<>();
        options.keySet().forEach(key -> byVariable.put(KitConfiguration.environmentName(command, key), key));
        String prefix = KitConfiguration.environmentName(command, "");
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (!variable.startsWith(prefix)) {
                continue;
            }
            String key = byVariable.get(variable);
            if (key == null) {
                String guessed = variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                SecretKeyRule.reject(guessed, "environment variable " + variable, options.keySet(), command);
                throw new UsageError("unknown environment variable " + variable + " (did you mean "
                        + KitConfiguration.environmentName(command, NearestKey.to(guessed, options.keySet()).orElse("")) + "?)");
            }
            SecretKeyRule.reject(key, "environment variable " + variable, options.keySet(), command);
            String raw = environment.get(variable);
            values.put(key, options.get(key).isMultiValue()
                    ? Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                    : List.of(raw));
        }
        return values;
    }
}
