package com.hubble.kit.runner.report;

import java.util.Optional;

/**
 * A check's catalogue entry as data, and the only place a check's metadata lives: {@code list}, {@code explain},
 * every report and the generated docs read it from here.
 *
 * @param sends what the kit sends (or records) to judge this, in a partner's words
 * @param escalation a higher severity the check takes under a run flag, e.g. MUST with --single-use
 */
public record CheckInfo(String id, String title, Severity severity, String area, String requirement, String sends,
                        String fix, Optional<Escalation> escalation) {

    /** A severity a check rises to when the partner passes a flag (the flag declares a stronger promise). */
    public record Escalation(Severity severity, String flag) {
        /** "MUST with --single-use". */
        @Override
        public String toString() {
            return severity + " with " + flag;
        }
    }

    public CheckInfo(String id, String title, Severity severity, String area, String requirement, String sends,
                     String fix) {
        this(id, title, severity, area, requirement, sends, fix, Optional.empty());
    }

    /** This entry with a severity that rises to {@code to} under {@code flag}. */
    public CheckInfo escalatesTo(Severity to, String flag) {
        return new CheckInfo(id, title, severity, area, requirement, sends, fix, Optional.of(new Escalation(to, flag)));
    }

    /** This entry for a run that passed the escalation's flag: its severity is the escalated one. */
    public CheckInfo escalated() {
        return escalation.map(e -> new CheckInfo(id, title, e.severity(), area, requirement, sends, fix, escalation))
                .orElse(this);
    }
}
