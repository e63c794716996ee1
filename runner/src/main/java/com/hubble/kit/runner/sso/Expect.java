package com.hubble.kit.runner.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Preview;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;

/**
 * The judgements checks share, as parameters rather than variants. Each rule returns empty when the exchange
 * satisfies it, or the reason it does not, in words a partner understands.
 */
final class Expect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    static final Set<Integer> REJECTION = Set.of(400, 401);
    /** A bad secret: the spec names no status; 401/403, or 400 (a framework's missing required header). */
    static final Set<Integer> DENIAL = Set.of(400, 401, 403);
    static final String TRUNCATED = "response larger than the 1 MiB read limit";
    private static final List<String> PROFILE = List.of("email", "firstName", "lastName", "phoneNumber", "cohorts");

    private Expect() {
    }

    /** Applies a rule to each exchange: PASS when all hold, FAIL listing each that does not, with evidence. */
    static Outcome all(List<Exchange> exchanges, Function<Exchange, Optional<String>> rule, String passMessage) {
        List<String> reasons = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            rule.apply(exchange).ifPresent(reason -> {
                reasons.add(exchange.label() + ": " + reason);
                evidence.add(exchange);
            });
        }
        if (reasons.isEmpty()) {
            return Outcome.pass(passMessage, List.of());
        }
        return Outcome.fail(String.join("; ", reasons), evidence);
    }

    /** "got 500 text/html {"err..." or "timed out after 5s". */
    static String got(Exchange exchange) {
        return switch (exchange.reply()) {
            case RecordedResponse r -> "got " + r.status() + r.mediaType().map(t -> " " + t).orElse("")
                    + (r.body().isBlank() ? " with an empty body" : " " + Preview.of(WHITESPACE.matcher(Redactor.judged(r.body()).strip()).replaceAll(" "), 120))
                    + (r.truncated() ? " (" + TRUNCATED + ")" : "");
            case TransportFailure f -> switch (f.kind()) {
                case NOT_SENT -> f.message();
                case TIMEOUT -> "timed out (" + f.message() + ")";
                default -> "no response (" + f.message() + ")";
            };
        };
    }

    static Optional<JsonNode> json(RecordedResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The 200 answer the profile checks judge, or empty (then they fail, pointing at what came instead). */
    static Optional<RecordedResponse> ok(Exchange exchange) {
        return exchange.response().filter(r -> r.status() == 200);
    }

    /** The 200 answer whose body the profile checks judge: a truncated body cannot be judged. */
    static Optional<RecordedResponse> okBody(Exchange exchange) {
        return ok(exchange).filter(r -> !r.truncated());
    }

    /**
     * For checks that read the returned profile: judges the 200's JSON object, or FAILs naming what came
     * instead (not a 200, or no JSON object).
     */
    static Outcome judgeProfile(Exchange call, Function<JsonNode, Outcome> judge) {
        if (okBody(call).isEmpty()) {
            return Outcome.fail(notOk(call), List.of(call));
        }
        JsonNode body = call.response().flatMap(Expect::json).filter(JsonNode::isObject).orElse(null);
        if (body == null) {
            return Outcome.fail("no JSON object to judge: " + got(call), List.of(call));
        }
        return judge.apply(body);
    }

    static String notOk(Exchange exchange) {
        if (exchange.response().filter(RecordedResponse::truncated).isPresent()) {
            return "nothing to judge: the " + TRUNCATED + " (see sso.valid.status)";
        }
        return "no 200 answer to judge (see sso.valid.status): " + got(exchange);
    }

    /**
     * The one rule every rejection check shares: a refused request carries no user data (a non-null userId,
     * or a non-null, non-empty profile field). Non-JSON bodies and failures carry none.
     */
    static Optional<String> noUserData(Exchange exchange) {
        return exchange.response().flatMap(Expect::userData)
                .map(leaked -> "user data came back in a rejection (" + leaked + "): " + got(exchange));
    }

    /** A non-null userId or any non-null, non-empty profile field in a JSON object body. */
    static Optional<String> userData(RecordedResponse response) {
        Optional<JsonNode> node = json(response).filter(JsonNode::isObject);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonNode userId = node.get().get("userId");
        if (userId != null && !userId.isNull()) {
            return Optional.of("userId " + userId);
        }
        List<String> present = PROFILE.stream()
                .filter(f -> carries(node.get().get(f)))
                .toList();
        return present.isEmpty() ? Optional.empty() : Optional.of("profile fields " + present);
    }

    private static boolean carries(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        return value.isContainerNode() ? !value.isEmpty() : !value.asText().isEmpty();
    }

    /** A refusal: one of the statuses and no user data (the body is not judged: see sso.errors.json). */
    static Optional<String> refused(Exchange exchange, Set<Integer> statuses) {
        return both(Expect::noUserData, e -> status(e, statuses)).apply(exchange);
    }

    /** A token rejection: 401 or 400, no user data, and a body matching sso-rejection ({"userId": null}, extra fields allowed). */
    static Optional<String> rejected(Exchange exchange) {
        Optional<String> leaked = noUserData(exchange);
        if (leaked.isPresent()) {
            return leaked;
        }
        Optional<RecordedResponse> response = exchange.response();
        if (response.isEmpty() || !REJECTION.contains(response.get().status())) {
            return Optional.of("expected 401 or 400 with {\"userId\": null}, " + got(exchange));
        }
        if (response.get().truncated()) {
            return Optional.of("status " + response.get().status() + " is right, but the " + TRUNCATED);
        }
        List<String> problems = SsoSchemas.violations("sso-rejection", response.get().body());
        if (!problems.isEmpty()) {
            return Optional.of("status " + response.get().status() + " is right, but the body does not match sso-rejection ("
                    + String.join(", ", problems) + "): " + got(exchange));
        }
        return Optional.empty();
    }

    /** A bad-secret denial: 400, 401 or 403 and no user data (the body is not judged: the spec names none). */
    static Optional<String> denied(Exchange exchange) {
        Optional<RecordedResponse> response = exchange.response();
        Optional<String> leaked = response.flatMap(Expect::userData);
        if (leaked.isPresent()) {
            return Optional.of("user data came back without the right secret (" + leaked.get() + "): " + got(exchange));
        }
        return status(exchange, DENIAL);
    }

    /** A valid-token answer: 200 with a non-empty string userId. */
    static Optional<String> accepted(Exchange exchange) {
        Optional<RecordedResponse> response = exchange.response();
        if (response.isEmpty() || response.get().status() != 200) {
            return Optional.of("expected 200 with the user's profile, " + got(exchange));
        }
        if (response.get().truncated()) {
            return Optional.of("status 200 but the " + TRUNCATED);
        }
        JsonNode userId = json(response.get()).filter(JsonNode::isObject).map(n -> n.get("userId")).orElse(null);
        if (userId == null || !userId.isTextual() || userId.asText().isEmpty()) {
            return Optional.of("status 200 but no non-empty userId in the body: " + got(exchange));
        }
        return Optional.empty();
    }

    /** Any 4xx; a 5xx, a 2xx or a timeout is not. */
    static Optional<String> clientError(Exchange exchange) {
        Optional<RecordedResponse> response = exchange.response();
        if (response.isEmpty() || !response.get().isClientError()) {
            return Optional.of("expected a 4xx, " + got(exchange));
        }
        return Optional.empty();
    }

    static Optional<String> status(Exchange exchange, Set<Integer> allowed) {
        Optional<RecordedResponse> response = exchange.response();
        if (response.isEmpty() || !allowed.contains(response.get().status())) {
            return Optional.of("expected " + allowed.stream().sorted().map(String::valueOf).collect(Collectors.joining(" or "))
                    + ", " + got(exchange));
        }
        return Optional.empty();
    }

    /**
     * For run-wide checks: FAIL when the target answered none of the run's requests (a silent target must never
     * pass), SKIP when responses came but none of the kind judged; empty when there is something to judge.
     */
    static Optional<Outcome> nothingToJudge(Observed input, List<Exchange> judged, String what) {
        if (!judged.isEmpty()) {
            return Optional.empty();
        }
        if (input.exchanges().stream().noneMatch(e -> e.response().isPresent())) {
            List<Exchange> evidence = input.exchanges().stream().limit(3).toList();
            long notSent = input.exchanges().stream().filter(Expect::wasNotSent).count();
            return Optional.of(Outcome.fail("the target answered none of the " + (input.exchanges().size() - notSent)
                    + " requests sent" + (notSent > 0 ? " (" + notSent + " more were not sent to a silent target)" : "")
                    + ": nothing to judge", evidence));
        }
        return Optional.of(Outcome.notApplicable("not judged: the run recorded no " + what));
    }

    static boolean wasNotSent(Exchange exchange) {
        return exchange.failure().filter(f -> f.kind() == TransportFailure.Kind.NOT_SENT).isPresent();
    }

    /** Combines rules: the first failing reason wins. */
    @SafeVarargs
    static Function<Exchange, Optional<String>> both(Function<Exchange, Optional<String>>... rules) {
        return exchange -> {
            for (Function<Exchange, Optional<String>> rule : rules) {
                Optional<String> reason = rule.apply(exchange);
                if (reason.isPresent()) {
                    return reason;
                }
            }
            return Optional.empty();
        };
    }
}
