package com.hubble.kit.runner.client;

import java.util.List;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** No request goes to /v1/partner/ (singular). */
public final class PathPlural implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.path.plural", "Requests use /v1/partners/ (plural), never /v1/partner/",
            Severity.MUST, "Login",
            SOURCE + "\"Don't hit /v1/partner/… instead of /v1/partners/… (note the plural).\"",
            SENDS,
            "Use /v1/partners/ in every path (auth/login, products, ...); configure only the base URL per environment.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        if (session.exchanges().isEmpty()) {
            return Outcome.missing("a request by the client");
        }
        List<RecordedExchange> singular = session.exchanges().stream().filter(RecordedExchange::usesSingularPath)
                .toList();
        if (!singular.isEmpty()) {
            return Outcome.fail(singular.size() + " request(s) to the singular /v1/partner/ path, which Hubble "
                    + "answers with 404: " + ClientEvidence.list(singular), ClientEvidence.of(singular));
        }
        return Outcome.pass("all " + session.exchanges().size() + " requests used /v1/partners/", List.of());
    }
}
