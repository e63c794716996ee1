package com.hubble.kit.runner.report;

/** The report's overall verdict. INCOMPLETE: a gating check was not judged for lack of input. */
public enum Verdict {
    PASS, FAIL, INCOMPLETE
}
