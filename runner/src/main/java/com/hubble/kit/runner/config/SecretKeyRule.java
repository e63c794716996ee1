package com.hubble.kit.runner.config;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets are never read from configuration: a key (in the file or as an environment variable) whose value would be
 * a secret itself is refused, naming the option that references it instead (an environment variable name, a file
 * path or a command).
 */
final class SecretKeyRule {
    // Options whose value would be a secret itself; the file and the environment take references only.
    private static final Pattern SECRET_VALUE = Pattern.compile("(^|-)(secret|token|password|passwd|api-key|private-key|credentials)$");

    private SecretKeyRule() {
    }

    /** A key that would put a secret itself into the file or the environment: say how to reference it instead. */
    static void reject(String key, String where, Collection<String> valid, String command)
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
                        .map(SecretKeyRule::describeReference).toList());
        throw new UsageError(where + " would hold a secret value; secrets are never read from configuration; "
                + how + " (valid for " + command + ")");
    }

    private static String describeReference(String key) {
        return key + (key.endsWith("-env") ? " (an environment variable name)"
                : key.endsWith("-file") ? " (a file path)"
                : key.endsWith("-command") ? " (a command that prints it)" : "");
    }
}
