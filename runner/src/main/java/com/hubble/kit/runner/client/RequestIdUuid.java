package com.hubble.kit.runner.client;

import java.util.List;
import java.util.regex.Pattern;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** Every X-REQUEST-ID sent on an authenticated call is a UUID. */
public final class RequestIdUuid implements ClientCheck {
    static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final CheckInfo INFO = new CheckInfo("client.request-id.uuid", "X-REQUEST-ID is a UUID",
            Severity.SHOULD, "Headers",
            SOURCE + "X-REQUEST-ID: \"A unique UUID per request\"; \"Always generate a UUID for each request "
                    + "and log it on your side.\"",
            SENDS,
            "Generate the id with your platform's UUID generator (UUID.randomUUID(), crypto.randomUUID(), uuid4()).");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> withId = session.authenticatedCalls().stream().filter(e -> e.requestId().isPresent())
                .toList();
        if (withId.isEmpty()) {
            return Outcome.missing("an authenticated call with an X-REQUEST-ID");
        }
        List<RecordedExchange> notUuid = withId.stream()
                .filter(e -> !UUID.matcher(e.requestId().orElseThrow().strip()).matches()).toList();
        if (!notUuid.isEmpty()) {
            return Outcome.fail(notUuid.size() + " X-REQUEST-ID value(s) are not UUIDs, e.g. '"
                    + notUuid.getFirst().requestId().orElseThrow() + "': " + ClientEvidence.list(notUuid),
                    ClientEvidence.of(notUuid));
        }
        return Outcome.pass("all " + withId.size() + " X-REQUEST-ID values are UUIDs", List.of());
    }
}
