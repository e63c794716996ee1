package com.hubble.kit.runner.report;

/** One HTTP header line as sent (redacted when recorded) or received (raw until the run redacts the outcome). */
public record Header(String name, String value) {
}
