package com.hubble.kit.runner.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.hubble.kit.reference.sandbox.Fault;
import com.hubble.kit.reference.sandbox.LoginAttempt;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;

/** Turns the sandbox's recordings into the report's evidence, and names exchanges in messages. */
final class ClientEvidence {
    static final int MAX_EVIDENCE = 10;

    private ClientEvidence() {
    }

    /** "#5 GET /v1/partners/products?pageNo=2 (token-1, LIVE) -> 401 injected revoked token". */
    static String describe(RecordedExchange e) {
        StringBuilder text = new StringBuilder("#").append(e.sequence()).append(' ').append(e.target());
        e.authorization().ifPresent(a -> text.append(" (")
                .append(a.tokenId().orElse(a.isBearer() ? "unknown token" : "no Bearer token"))
                .append(a.tokenId().isPresent() ? ", " + a.status() : "").append(')'));
        text.append(" -> ").append(e.status());
        if (e.fault() == Fault.REVOKED_TOKEN) {
            text.append(" (injected: token revoked)");
        } else if (e.fault() != Fault.NONE) {
            text.append(" (injected: ").append(e.fault()).append(')');
        }
        e.issuedTokenId().ifPresent(id -> text.append(" issued ").append(id));
        return text.toString();
    }

    /**
     * Method, path and query with token ids blanked: a retry of a call is the same call even when the (leaked) token
     * in its query changed after the re-login.
     */
    static String callKey(RecordedExchange e) {
        return e.target().replaceAll("\\[token-\\d+\\]", "[token]");
    }

    /** At most a few exchanges, named, for a message: "#2 GET ..., #5 GET ... and 3 more". */
    static String list(List<RecordedExchange> exchanges) {
        String shown = exchanges.stream().limit(5).map(ClientEvidence::describe).collect(Collectors.joining("; "));
        return exchanges.size() > 5 ? shown + "; and " + (exchanges.size() - 5) + " more" : shown;
    }

    static List<Exchange> of(List<RecordedExchange> exchanges) {
        return exchanges.stream().limit(MAX_EVIDENCE).map(ClientEvidence::exchange).toList();
    }

    static Exchange exchange(RecordedExchange e) {
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : e.headers().entrySet()) {
            header.getValue().forEach(v -> headers.add(new Header(header.getKey(), v)));
        }
        String body = e.login().map(ClientEvidence::loginBody).orElse("");
        String url = e.path() + (e.query().isEmpty() ? "" : "?" + e.query());
        RecordedResponse response = new RecordedResponse(e.status(), List.of(),
                e.errorCode().map(code -> "{\"code\":\"" + code + "\"}").orElse(""), false);
        return new Exchange(describe(e), new RecordedRequest(e.method(), url, headers, body, body.length()),
                response, Duration.ZERO);
    }

    /** The login body as the sandbox saw it, the secret never included. */
    private static String loginBody(LoginAttempt login) {
        if (!login.jsonObject()) {
            return "(not a JSON object)";
        }
        List<String> fields = new ArrayList<>();
        fields.add(login.clientIdPresent() ? "\"clientId\": \"" + login.clientId().orElse("") + "\"" : "(no clientId)");
        fields.add(login.clientSecretPresent() ? "\"clientSecret\": \"[REDACTED]\"" : "(no clientSecret)");
        return "{" + String.join(", ", fields) + "}";
    }
}
