package com.hubble.kit.runner.report;

/** A check's catalogue entry as data: what {@code list}, {@code explain} and the generated docs print. */
public record CheckInfo(String id, String title, Severity severity, String area, String requirement, String fix) {
}
