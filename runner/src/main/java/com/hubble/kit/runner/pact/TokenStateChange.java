package com.hubble.kit.runner.pact;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.model.generators.Generators;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import au.com.dius.pact.core.support.Result;
import au.com.dius.pact.provider.IConsumerInfo;
import au.com.dius.pact.provider.IProviderInfo;
import au.com.dius.pact.provider.IProviderVerifier;
import au.com.dius.pact.provider.ProviderClient;
import au.com.dius.pact.provider.StateChange;
import au.com.dius.pact.provider.StateChangeResult;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.Redactor;

/**
 * Pact's state-change hook for a live partner: instead of calling a state-change URL (a partner has none),
 * a provider state's values are its params plus, when the interaction's ProviderState generators ask for more
 * (e.g. {@code ${token}}), a fresh token and user id from a token source: the expired-token source for a state
 * that names an expired token, the valid-token source otherwise.
 */
final class TokenStateChange implements StateChange {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private final TokenSource valid;
    private final TokenSource expired;
    private final Redactor redactor;

    TokenStateChange(TokenSource valid, TokenSource expired, Redactor redactor) {
        this.valid = valid;
        this.expired = expired;
        this.redactor = redactor;
    }

    @Override
    public StateChangeResult executeStateChange(IProviderVerifier verifier, IProviderInfo provider, IConsumerInfo consumer,
                                                Interaction interaction, String interactionMessage,
                                                Map<String, Object> failures, ProviderClient client) {
        Map<String, Object> values = new HashMap<>();
        for (ProviderState state : interaction.getProviderStates()) {
            values.putAll(state.getParams());
        }
        Set<String> wanted = referencedVariables(interaction);
        wanted.removeAll(values.keySet());
        if (!wanted.isEmpty()) {
            TokenSource source = interaction.getProviderStates().stream()
                    .anyMatch(state -> state.getName() != null && state.getName().toLowerCase(Locale.ROOT).contains("expired"))
                    ? expired : valid;
            Optional<PartnerToken> issued;
            try {
                issued = source.next();
            } catch (UsageError e) {
                return new StateChangeResult(new Result.Err<>(new StateValueException(e.getMessage(), StateValueException.Cause.SOURCE_FAILED)),
                        interactionMessage);
            }
            if (issued.isEmpty()) {
                return new StateChangeResult(new Result.Err<>(new StateValueException(
                        source.describeMissing(), StateValueException.Cause.NO_SOURCE)), interactionMessage);
            }
            redactor.add(issued.get().token(), "token");
            values.put("token", issued.get().token().reveal());
            issued.get().userId().ifPresent(userId -> values.put("userId", userId));
            wanted.removeAll(values.keySet());
            wanted.remove("userId"); // without a declared user, the pact's example user is expected
            if (!wanted.isEmpty()) {
                return new StateChangeResult(new Result.Err<>(new StateValueException(
                        "the pact's provider state needs " + wanted + ", which the token source does not supply", StateValueException.Cause.VALUE_MISSING)),
                        interactionMessage);
            }
        }
        return new StateChangeResult(new Result.Ok<>(values), interactionMessage);
    }

    @Override
    public Result<Map<String, Object>, Exception> stateChange(IProviderVerifier verifier, ProviderState state,
                                                              IProviderInfo provider, IConsumerInfo consumer,
                                                              boolean isSetup, ProviderClient client) {
        return new Result.Ok<>(Map.of());
    }

    @Override
    public void executeStateChangeTeardown(IProviderVerifier verifier, Interaction interaction, IProviderInfo provider,
                                           IConsumerInfo consumer, ProviderClient client) {
        // nothing to tear down: tokens are the partner's, single-use or short-lived
    }

    /** Names used as {@code ${name}} by the ProviderState generators of the request and the response. */
    static Set<String> referencedVariables(Interaction interaction) {
        Set<String> names = new TreeSet<>();
        if (!interaction.isSynchronousRequestResponse()) {
            return names;
        }
        var exchange = interaction.asSynchronousRequestResponse();
        collect(exchange.getRequest().getGenerators(), names);
        collect(exchange.getResponse().getGenerators(), names);
        return names;
    }

    private static void collect(Generators generators, Set<String> names) {
        for (Map<String, Generator> byPath : generators.getCategories().values()) {
            for (Generator generator : byPath.values()) {
                if (generator instanceof ProviderStateGenerator stateGenerator) {
                    Matcher matcher = VARIABLE.matcher(stateGenerator.getExpression());
                    while (matcher.find()) {
                        names.add(matcher.group(1).trim());
                    }
                }
            }
        }
    }

}
