package com.hubble.kit.runner.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.files.PathWords;

/**
 * Accepted failures with an expiry date. {@link #apply} is the one place a baseline touches a run: a pure
 * function from report to report, applied before the gate, so every renderer and the exit code agree.
 */
public final class Baseline {
    private static final List<String> KEYS = List.of("id", "reason", "owner", "expires");
    private static final YAMLMapper YAML = new YAMLMapper();
    private final String source;
    private final Map<String, BaselineEntry> entries;

    public Baseline(String source, List<BaselineEntry> entries) {
        this.source = source;
        this.entries = new LinkedHashMap<>();
        entries.forEach(entry -> this.entries.put(entry.id(), entry));
    }

    public List<BaselineEntry> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * The report with the baseline applied on {@code today}: a FAIL listed with an unexpired entry becomes a WARN
     * "accepted until DATE (reason)"; an expired entry leaves the FAIL and says so; an entry whose check passed is
     * reported as stale, so the baseline shrinks. Verdict and summary are recomputed from the new outcomes.
     */
    public Report apply(Report report, LocalDate today) {
        List<CheckResult> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>(report.notes());
        Set<String> seen = new TreeSet<>();
        for (CheckResult result : report.checks()) {
            BaselineEntry entry = entries.get(result.id());
            if (entry == null) {
                checks.add(result);
                continue;
            }
            seen.add(entry.id());
            Outcome outcome = result.outcome();
            if (result.status() == Status.FAIL && !entry.expiredOn(today)) {
                outcome = new Outcome.Warn("accepted until " + entry.expires() + " (" + entry.reason() + "; owner "
                        + entry.owner() + ") by baseline " + source + ": " + outcome.message(),
                        outcome.evidence(), outcome.measurements());
            } else if (result.status() == Status.FAIL) {
                outcome = new Outcome.Fail("baseline entry expired on " + entry.expires() + " (" + entry.reason()
                        + "; owner " + entry.owner() + "), so this fails again: " + outcome.message(),
                        outcome.evidence(), outcome.measurements());
            } else if (result.status() == Status.PASS) {
                outcome = new Outcome.Pass(outcome.message() + " (baseline entry is stale: remove it)",
                        outcome.evidence(), outcome.measurements());
                notes.add("stale baseline entry: " + entry.id() + " now passes; remove it from " + source);
            }
            checks.add(result.withOutcome(outcome));
        }
        for (BaselineEntry entry : entries.values()) {
            if (!seen.contains(entry.id())) {
                notes.add("baseline entry " + entry.id() + " (" + source + ") matches no check of this run");
            } else if (entry.expiredOn(today)) {
                notes.add("expired baseline entry: " + entry.id() + " expired on " + entry.expires()
                        + "; fix the check or renew the entry with a new date and reason");
            }
        }
        return Report.of(report.suite(), report.target(), report.startedAt(), report.durationMs(), report.strict(),
                checks, notes);
    }

    /** Reads a baseline file: a YAML list of {id, reason, owner, expires: YYYY-MM-DD}. */
    public static Baseline read(Path file) throws UsageError {
        String shown = file.toString();
        JsonNode root;
        try {
            String yaml = Files.readString(file, StandardCharsets.UTF_8);
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UsageError("baseline " + shown + " is not valid YAML" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ": " + yamlProblem(e));
        } catch (IOException e) {
            throw new UsageError("baseline " + shown + " " + PathWords.whyUnreadable(file, e) + "; give the YAML file "
                    + "written by 'hubble-kit baseline --from report.json'");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Baseline(shown, List.of());
        }
        if (!root.isArray()) {
            throw new UsageError("baseline " + shown + " must be a YAML list of entries with keys "
                    + String.join(", ", KEYS));
        }
        List<BaselineEntry> entries = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        int number = 0;
        for (JsonNode node : root) {
            number++;
            String where = "baseline " + shown + ", entry " + number;
            if (!node.isObject()) {
                throw new UsageError(where + ": must be a mapping with keys " + String.join(", ", KEYS));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!KEYS.contains(key)) {
                    throw new UsageError(where + ": unknown key '" + key + "'; keys are " + String.join(", ", KEYS));
                }
            }
            String id = text(node, "id", where);
            where = where + " (" + id + ")";
            String reason = text(node, "reason", where);
            String owner = text(node, "owner", where);
            String expires = text(node, "expires", where);
            LocalDate date;
            try {
                date = LocalDate.parse(expires);
            } catch (DateTimeParseException e) {
                throw new UsageError(where + ": expires '" + expires + "' is not a date YYYY-MM-DD");
            }
            if (!ids.add(id)) {
                throw new UsageError(where + ": the id is listed twice");
            }
            entries.add(new BaselineEntry(id, reason, owner, date));
        }
        return new Baseline(shown, entries);
    }

    /**
     * The parser's problem in one line ("expected ',' or ']', but got <block end>"), without the excerpt and caret
     * SnakeYAML adds below it: the location is given separately.
     */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
                return firstLine(marked.getProblem());
            }
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static String text(JsonNode node, String key, String where) throws UsageError {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new UsageError(where + ": '" + key + "' is missing or empty");
        }
        return value.asText().trim();
    }
}
