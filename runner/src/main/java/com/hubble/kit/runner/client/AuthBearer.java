package com.hubble.kit.runner.client;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.SecretPlace;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * Every authenticated call carries Authorization: Bearer with a token from a login; no token ever sits in a URL, and no
 * call carries the clientSecret in its URL or a header (Basic credentials included).
 */
public final class AuthBearer implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.auth.bearer", "Calls carry Authorization: Bearer <token>, never the token in a URL nor the clientSecret",
            Severity.MUST, "Headers",
            SOURCE + "\"Send Authorization: Bearer <access_token> header in all API calls\"; \"You exchange your "
                    + "credentials for a time-limited access token, which is then used for every subsequent "
                    + "request\": a call carries the token, never the clientSecret (in its URL, a header or HTTP "
                    + "Basic). A token or secret in a URL ends up in proxy and server logs.",
            SENDS,
            "Send the token from the login only as the header Authorization: Bearer <token>; never add it to the "
                    + "path or query string, and send the clientSecret only in the login's body, never on a call.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> leaked = session.exchanges().stream().filter(e -> e.tokenInUrl().isPresent()).toList();
        List<RecordedExchange> calls = session.authenticatedCalls();
        if (calls.isEmpty() && leaked.isEmpty()) {
            return Outcome.missing("an authenticated call by the client");
        }
        List<String> problems = new ArrayList<>();
        List<RecordedExchange> wrong = new ArrayList<>(leaked);
        if (!leaked.isEmpty()) {
            problems.add(leaked.size() + " request(s) carried the token in the URL: " + ClientEvidence.list(leaked));
        }
        List<RecordedExchange> missing = new ArrayList<>();
        List<RecordedExchange> notBearer = new ArrayList<>();
        List<RecordedExchange> unknown = new ArrayList<>();
        for (RecordedExchange call : calls) {
            if (call.authorization().isEmpty()) {
                missing.add(call);
                continue;
            }
            PresentedToken presented = call.authorization().get();
            if (!presented.isBearer()) {
                notBearer.add(call);
            } else if (presented.tokenId().isEmpty()) {
                unknown.add(call);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " call(s) had no Authorization header: " + ClientEvidence.list(missing));
        }
        if (!notBearer.isEmpty()) {
            problems.add(notBearer.size() + " call(s) used another scheme than Bearer (scheme '"
                    + notBearer.getFirst().authorization().orElseThrow().scheme() + "'): "
                    + ClientEvidence.list(notBearer));
        }
        if (!unknown.isEmpty()) {
            problems.add(unknown.size() + " call(s) carried a Bearer value that no login returned: "
                    + ClientEvidence.list(unknown));
        }
        List<RecordedExchange> carriedSecret = calls.stream().filter(c -> !c.clientSecretAt().isEmpty()).toList();
        if (!carriedSecret.isEmpty()) {
            problems.add(carriedSecret.size() + " call(s) carried the clientSecret, which belongs only in the login's "
                    + "JSON body: " + secretPlaces(carriedSecret));
        }
        wrong.addAll(missing);
        wrong.addAll(notBearer);
        wrong.addAll(unknown);
        carriedSecret.stream().filter(c -> !wrong.contains(c)).forEach(wrong::add);
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ClientEvidence.of(wrong));
        }
        return Outcome.pass("all " + calls.size() + " authenticated calls carried Authorization: Bearer with a "
                + "token from a login, no URL held a token and no call the clientSecret", List.of());
    }

    /** "header X-Client-Secret of #7 GET /v1/... -> 200; the URL query of #8 ...": where, never the secret. */
    private static String secretPlaces(List<RecordedExchange> calls) {
        String shown = calls.stream().limit(5)
                .map(c -> c.clientSecretAt().stream().map(SecretPlace::describe).collect(Collectors.joining(" and "))
                        + " of " + ClientEvidence.describe(c))
                .collect(Collectors.joining("; "));
        return calls.size() > 5 ? shown + "; and " + (calls.size() - 5) + " more" : shown;
    }
}
