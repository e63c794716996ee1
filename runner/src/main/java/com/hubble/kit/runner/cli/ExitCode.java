package com.hubble.kit.runner.cli;

import com.hubble.kit.runner.report.Verdict;

import picocli.CommandLine;

/**
 * Process exit codes: separates "the target failed" from "the tool could not judge". Every command returns one;
 * picocli reads the number through {@link CommandLine.IExitCodeGenerator}.
 */
public enum ExitCode implements CommandLine.IExitCodeGenerator {
    SUCCESS(0, "compliant: no MUST check failed (with --strict, no SHOULD check either)"),
    NON_COMPLIANT(1, "non-compliant: at least one MUST check failed (with --strict, or a SHOULD check)"),
    USAGE(2, "usage or configuration error: bad flag, missing secret, failing token command"),
    UNREACHABLE(3, "target unreachable: connection refused, DNS failure or TLS handshake failure"),
    INCOMPLETE(4, "incomplete: a MUST check lacked input and was not skipped with --skip, or the client ran past "
            + "--max-duration");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    @Override
    public int getExitCode() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code of a judging command for its report's verdict. */
    public static ExitCode of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> SUCCESS;
            case FAIL -> NON_COMPLIANT;
            case INCOMPLETE -> INCOMPLETE;
        };
    }

    /** The exit-code section of --help, generated from this enum so it cannot drift. */
    public static String helpSection() {
        StringBuilder text = new StringBuilder();
        for (ExitCode exit : values()) {
            text.append(String.format("  %d  %s%n", exit.code, exit.meaning));
        }
        return text.toString();
    }
}
