package com.hubble.kit.runner.client;

import java.util.ArrayList;
import java.util.List;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * Every login is POST /v1/partners/auth/login with a JSON body holding clientId and clientSecret, and the secret is in
 * that body only: not in the login's URL nor in any of its headers (the sandbox finds it there in any form).
 */
public final class LoginRequest implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.login.request", "Login is POST /v1/partners/auth/login with JSON {clientId, clientSecret}",
            Severity.MUST, "Login",
            SOURCE + "\"Implement the token acquisition flow using /v1/partners/auth/login\"; the Login endpoint "
                    + "requires POST with Content-Type: application/json and the Request Body {\"clientId\", "
                    + "\"clientSecret\"}, and \"Store clientId and clientSecret securely\": the secret goes in that "
                    + "body only, never also in the login's URL (path or query) or a header, where proxy and server "
                    + "logs keep it.",
            SENDS,
            "POST to <base URL>/v1/partners/auth/login with Content-Type: application/json and "
                    + "{\"clientId\": ..., \"clientSecret\": ...}, before any other call; send the clientSecret in "
                    + "that body only (no ?clientSecret=, no X-Client-Secret or Basic header).");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        if (session.exchanges().isEmpty()) {
            return Outcome.fail("the client made no request at all: did the command read HUBBLE_BASE_URL, "
                    + "HUBBLE_CLIENT_ID and HUBBLE_CLIENT_SECRET?", List.of());
        }
        List<RecordedExchange> logins = session.logins();
        if (logins.isEmpty()) {
            return Outcome.fail("the client never logged in: no request to POST /v1/partners/auth/login among "
                    + session.exchanges().size() + " requests (" + ClientEvidence.list(session.exchanges()) + ")",
                    ClientEvidence.of(session.exchanges()));
        }
        List<String> problems = new ArrayList<>();
        List<RecordedExchange> wrong = new ArrayList<>();
        for (RecordedExchange login : logins) {
            List<String> found = problems(login);
            if (!found.isEmpty()) {
                wrong.add(login);
                problems.add("#" + login.sequence() + " " + login.method() + " " + login.path() + ": "
                        + String.join(", ", found));
            }
        }
        if (!wrong.isEmpty()) {
            return Outcome.fail(wrong.size() + " of " + logins.size() + " logins were malformed: "
                    + String.join("; ", problems), ClientEvidence.of(wrong));
        }
        return Outcome.pass(logins.size() + " login(s), each POST /v1/partners/auth/login with a JSON "
                + "{clientId, clientSecret} and the clientSecret in no URL or header", ClientEvidence.of(logins));
    }

    private static List<String> problems(RecordedExchange login) {
        List<String> found = new ArrayList<>();
        if (!login.method().equals("POST")) {
            found.add("method " + login.method() + " instead of POST");
        }
        if (!login.path().equals(RecordedExchange.LOGIN_PATH)) {
            found.add("path " + login.path() + " instead of " + RecordedExchange.LOGIN_PATH);
        }
        if (!ContentTypePost.isJson(login.contentType().orElse(""))) {
            found.add("Content-Type " + login.contentType().map(t -> "'" + t + "'").orElse("missing")
                    + " instead of application/json");
        }
        login.login().ifPresentOrElse(body -> {
            if (!body.jsonObject()) {
                found.add("the body is not a JSON object");
            } else {
                if (!body.clientIdPresent()) {
                    found.add("no clientId in the body");
                }
                if (!body.clientSecretPresent()) {
                    found.add("no clientSecret in the body");
                }
            }
        }, () -> found.add("the body was not read (wrong method or path)"));
        // Only where it was found is named: the recording holds no secret, and a message never carries one.
        login.clientSecretAt().forEach(place -> found.add("the clientSecret sent in " + place.describe()
                + " of the login (it belongs only in the JSON body)"));
        return found;
    }
}
