package com.hubble.kit.runner.baseline;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.runner.config.UsageError;

/** A baseline drafted from a report.json: one entry per failing check, to be reviewed and committed. */
public final class BaselineDraft {
    private static final int REASON_LENGTH = 160;

    private BaselineDraft() {
    }

    /** Entries for every FAIL in the report JSON, expiring {@code days} after {@code today}. */
    public static List<BaselineEntry> fromReport(String reportJson, String owner, String reason, int days, LocalDate today)
            throws UsageError {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(reportJson);
        } catch (IOException e) {
            throw new UsageError("the report is not JSON (expected a report.json written with --report-dir)");
        }
        JsonNode checks = root == null ? null : root.get("checks");
        if (checks == null || !checks.isArray()) {
            throw new UsageError("the report has no \"checks\" array (expected a report.json written with --report-dir)");
        }
        List<BaselineEntry> entries = new ArrayList<>();
        for (JsonNode check : checks) {
            if (!"FAIL".equals(check.path("status").asText())) {
                continue;
            }
            String why = reason != null ? reason : "accepted at go-live: " + check.path("message").asText("");
            if (why.length() > REASON_LENGTH) {
                why = why.substring(0, REASON_LENGTH - 1) + "…";
            }
            entries.add(new BaselineEntry(check.path("id").asText(), why, owner, today.plusDays(days)));
        }
        return entries;
    }

    /** The YAML text of a baseline; strings double-quoted so any reason survives a round trip. */
    public static String render(List<BaselineEntry> entries) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# hubble-kit baseline: accepted failures. Each entry WARNs instead of failing until it expires\n");
        yaml.append("# (the date is the last accepted day). Fix the check, then delete its entry.\n");
        if (entries.isEmpty()) {
            yaml.append("[]\n");
        }
        for (BaselineEntry entry : entries) {
            yaml.append("- id: ").append(quoted(entry.id())).append('\n');
            yaml.append("  reason: ").append(quoted(entry.reason())).append('\n');
            yaml.append("  owner: ").append(quoted(entry.owner())).append('\n');
            yaml.append("  expires: \"").append(entry.expires()).append("\"\n");
        }
        return yaml.toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
