package com.hubble.kit.runner.report;

/** The status a check ends with, as written in every report. */
public enum Status {
    PASS, FAIL, WARN, SKIP, ERROR
}
