package com.hubble.kit.runner.client;

import java.util.List;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** Every authenticated call carries an X-REQUEST-ID (header names compare case-insensitively). */
public final class RequestIdPresent implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.request-id.present", "Every call carries an X-REQUEST-ID",
            Severity.MUST, "Headers",
            SOURCE + "\"Request ID must be passed under the header X-REQUEST-ID in all requests for cross-system "
                    + "request tracking\". Header names are case-insensitive (X-Request-Id is the same header).",
            SENDS,
            "Add X-REQUEST-ID: <fresh UUID> to every request, in the one place your client builds requests.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> calls = session.authenticatedCalls();
        if (calls.isEmpty()) {
            return Outcome.missing("an authenticated call by the client");
        }
        List<RecordedExchange> without = calls.stream().filter(e -> e.requestId().isEmpty()).toList();
        if (!without.isEmpty()) {
            return Outcome.fail(without.size() + " of " + calls.size() + " authenticated calls had no X-REQUEST-ID: "
                    + ClientEvidence.list(without), ClientEvidence.of(without));
        }
        return Outcome.pass("all " + calls.size() + " authenticated calls carried an X-REQUEST-ID", List.of());
    }
}
