package com.hubble.kit.runner.client;

import java.util.List;
import java.util.Locale;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** Every POST carries Content-Type: application/json (parameters such as charset allowed). */
public final class ContentTypePost implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.content-type.post", "Every POST carries Content-Type: application/json",
            Severity.MUST, "Headers",
            SOURCE + "Content-Type: application/json, \"Required for all POST requests\".",
            SENDS,
            "Set Content-Type: application/json on every POST (many HTTP libraries only do so for a JSON body helper).");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    static boolean isJson(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> posts = session.exchanges().stream().filter(e -> e.method().equals("POST")).toList();
        if (posts.isEmpty()) {
            return Outcome.missing("a POST by the client");
        }
        List<RecordedExchange> wrong = posts.stream().filter(e -> !isJson(e.contentType().orElse(""))).toList();
        if (!wrong.isEmpty()) {
            return Outcome.fail(wrong.size() + " of " + posts.size() + " POSTs had Content-Type "
                    + wrong.getFirst().contentType().map(t -> "'" + t + "'").orElse("(none)")
                    + " instead of application/json: " + ClientEvidence.list(wrong), ClientEvidence.of(wrong));
        }
        return Outcome.pass("all " + posts.size() + " POSTs carried Content-Type: application/json", List.of());
    }
}
