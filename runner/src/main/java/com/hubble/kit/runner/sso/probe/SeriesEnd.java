package com.hubble.kit.runner.sso.probe;

/** Why a series of calls ended, for the report: it says how many samples were taken and why no more. */
public enum SeriesEnd {
    PLANNED("all planned calls were made"),
    DECIDED("stopped early: enough calls were over the budget that the p95 could no longer come back under it"),
    SILENT("stopped after 3 calls in a row got no response"),
    NO_TOKENS("stopped: the token source had no more tokens"),
    SETTLED("stopped early: the error rate was settled against 1% at 95% confidence and the call rate was steady"),
    NOT_SENT("not sent: the target had not answered the previous " + SsoClient.SILENT_AFTER + " requests in a row");

    private final String description;

    SeriesEnd(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
