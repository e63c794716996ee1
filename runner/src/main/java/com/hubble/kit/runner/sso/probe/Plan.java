package com.hubble.kit.runner.sso.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;

/** A fixed list of requests to /sso, as data; running it fills token slots and records every exchange. */
public record Plan(List<Step> steps) implements Probe<Observed> {
    public Plan {
        steps = List.copyOf(steps);
    }

    public static Plan of(Step... steps) {
        return new Plan(List.of(steps));
    }

    @Override
    public String describe() {
        return steps.stream().map(s -> s.label() + ": " + s.describe()).collect(Collectors.joining("; "));
    }

    @Override
    public Probed<Observed> run(ProbeContext context) {
        Map<Integer, PartnerToken> slots = new HashMap<>();
        for (Step step : steps) {
            for (TokenRef ref : refs(step)) {
                Integer slot = ref instanceof TokenRef.Valid v ? v.slot() : ref instanceof TokenRef.Tampered t ? t.slot() : null;
                if (slot != null && !slots.containsKey(slot)) {
                    Optional<PartnerToken> token = context.freshValid();
                    if (token.isEmpty()) {
                        return new Probed.Lacking<>(context.missingValid());
                    }
                    slots.put(slot, token.get());
                }
            }
        }
        String expired = null;
        if (steps.stream().flatMap(s -> refs(s).stream()).anyMatch(r -> r instanceof TokenRef.Expired)) {
            Optional<PartnerToken> token = context.freshExpired();
            if (token.isEmpty()) {
                return new Probed.Lacking<>(context.missingExpired());
            }
            expired = token.get().token().reveal();
        }
        Map<TokenRef, String> resolved = new HashMap<>();
        List<Exchange> exchanges = new ArrayList<>();
        for (Step step : steps) {
            for (TokenRef ref : refs(step)) {
                if (!resolved.containsKey(ref)) {
                    resolved.put(ref, resolve(ref, slots, expired, context));
                }
            }
            List<Header> headers = new ArrayList<>();
            step.secret().apply(context.secret().reveal()).ifPresent(v -> headers.add(new Header(step.secretHeader(), v)));
            String body = switch (step.payload()) {
                case Payload.TokenField field -> "{\"token\":" + jsonString(resolved.get(field.token()))
                        + (field.extraMembers().isEmpty() ? "" : "," + field.extraMembers()) + "}";
                case Payload.Raw raw -> raw.body();
                case Payload.None none -> null;
            };
            String query = step.queryToken()
                    .map(t -> "token=" + java.net.URLEncoder.encode(resolved.get(t), java.nio.charset.StandardCharsets.UTF_8))
                    .orElse(null);
            exchanges.add(context.send(step.label(), step.method(), context.sso(query), headers, body));
        }
        context.record(exchanges);
        Optional<String> userId = Optional.ofNullable(slots.get(0)).flatMap(PartnerToken::userId);
        return new Probed.Gathered<>(new Observed(exchanges, userId));
    }

    private static List<TokenRef> refs(Step step) {
        List<TokenRef> refs = new ArrayList<>();
        if (step.payload() instanceof Payload.TokenField field) {
            refs.add(field.token());
        }
        step.queryToken().ifPresent(refs::add);
        return refs;
    }

    private static String resolve(TokenRef ref, Map<Integer, PartnerToken> slots, String expired, ProbeContext context) {
        return switch (ref) {
            case TokenRef.Valid v -> slots.get(v.slot()).token().reveal();
            case TokenRef.Expired e -> expired;
            case TokenRef.Random r -> context.randomToken(r.length());
            case TokenRef.Tampered t -> {
                String tampered = tamper(slots.get(t.slot()).token().reveal());
                context.client().redactor().add(Secret.of(tampered), "token");
                yield tampered;
            }
            case TokenRef.Literal l -> l.value();
        };
    }

    /** Changes the middle character to another of the same kind (in a JWT, a payload character). */
    static String tamper(String token) {
        int middle = token.length() / 2;
        return token.substring(0, middle) + SecretForm.other(token.charAt(middle)) + token.substring(middle + 1);
    }

    static String jsonString(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
