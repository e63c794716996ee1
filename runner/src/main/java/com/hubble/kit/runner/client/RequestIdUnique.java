package com.hubble.kit.runner.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** No X-REQUEST-ID value is sent on two authenticated calls (a retry is a new request and gets a new id). */
public final class RequestIdUnique implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.request-id.unique", "X-REQUEST-ID never repeats",
            Severity.MUST, "Headers",
            SOURCE + "X-REQUEST-ID: \"A unique UUID per request\"; \"Generate and log unique X-REQUEST-ID for "
                    + "every API request\". A repeated id makes support unable to find the request.",
            SENDS,
            "Generate the id per request (not per client, session or retry loop) right where the request is built.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        Map<String, List<RecordedExchange>> byId = new LinkedHashMap<>();
        for (RecordedExchange call : session.authenticatedCalls()) {
            call.requestId().ifPresent(id -> byId.computeIfAbsent(id.strip(), k -> new ArrayList<>()).add(call));
        }
        if (byId.isEmpty()) {
            return Outcome.missing("an authenticated call with an X-REQUEST-ID");
        }
        List<RecordedExchange> repeated = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        byId.forEach((id, calls) -> {
            if (calls.size() > 1) {
                repeated.addAll(calls);
                ids.add("'" + id + "' on " + calls.size() + " calls");
            }
        });
        if (!repeated.isEmpty()) {
            return Outcome.fail("X-REQUEST-ID repeated: " + String.join(", ", ids) + " ("
                    + ClientEvidence.list(repeated) + ")", ClientEvidence.of(repeated));
        }
        int calls = byId.values().stream().mapToInt(List::size).sum();
        return Outcome.pass(byId.size() + " distinct X-REQUEST-ID values on " + calls + " calls", List.of());
    }
}
