package com.hubble.kit.runner.report;

/** How much a check weighs in the verdict: MUST gates, SHOULD gates with --strict, INFO never gates. */
public enum Severity {
    MUST, SHOULD, INFO
}
