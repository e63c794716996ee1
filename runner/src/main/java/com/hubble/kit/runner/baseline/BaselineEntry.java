package com.hubble.kit.runner.baseline;

import java.time.LocalDate;

/** One accepted failure: which check, why, who owns the fix, and the last day it is accepted. */
public record BaselineEntry(String id, String reason, String owner, LocalDate expires) {

    /** Accepted through the expiry date itself; expired from the day after. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }
}
