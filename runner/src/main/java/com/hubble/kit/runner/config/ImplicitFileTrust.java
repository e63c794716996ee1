package com.hubble.kit.runner.config;

import java.util.regex.Pattern;

/**
 * A {@code hubble-kit.yaml} found in the working directory, not given with --config, is untrusted: it may not set
 * keys that run commands or choose which secret is sent where.
 */
final class ImplicitFileTrust {
    // Keys only an explicit --config, a flag or a variable may set: in a file found in the working directory, whoever
    // can change the checkout (an untrusted pull request) would choose what runs, or which secret is sent where.
    private static final Pattern RUNS_COMMAND = Pattern.compile("(^|-)command$|^run$");
    private static final Pattern CHOOSES_SECRET = Pattern.compile(
            "-env$|(^|-)(secret|token|password|passwd|api-key|private-key|credentials)-file$");

    private ImplicitFileTrust() {
    }

    /** Whether an implicit file may not set this key. */
    static boolean untrusted(String key) {
        return RUNS_COMMAND.matcher(key).find() || CHOOSES_SECRET.matcher(key).find();
    }

    /** A key an implicit file may not set: say why, and how to give it from a trusted place. */
    static void reject(String key, String command, String shown) throws UsageError {
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
                + "(--config " + shown + "); or give --" + key + " or " + KitConfiguration.environmentName(command, key)
                + "; or read no config file (" + Invocation.NO_CONFIG + ")");
    }
}
