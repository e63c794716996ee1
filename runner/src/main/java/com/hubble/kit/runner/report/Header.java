package com.hubble.kit.runner.report;

/** One HTTP header line as sent or received (value already redacted when recorded). */
public record Header(String name, String value) {
}
