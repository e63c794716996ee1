package com.hubble.kit.runner.pact;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import au.com.dius.pact.core.matchers.BodyMismatch;
import au.com.dius.pact.core.matchers.HeaderMismatch;
import au.com.dius.pact.core.matchers.Mismatch;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.provider.ConsumerInfo;
import au.com.dius.pact.provider.ProviderClient;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderResponse;
import au.com.dius.pact.provider.ProviderVerifier;
import au.com.dius.pact.provider.VerificationFailureType;
import au.com.dius.pact.provider.VerificationResult;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.FailureWords;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.pact.InteractionResult.Status;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Reply;
import com.hubble.kit.runner.report.TransportFailure;
import org.apache.hc.client5.http.classic.methods.HttpUriRequest;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Verifies a pact against a live partner with Pact JVM's provider verifier, one interaction at a time:
 * provider-state values come from the token sources (through {@link TokenStateChange}), the shared secret replaces
 * the pact's placeholder by a {@link SecretHeaderFilter}, and every text that leaves is redacted.
 */
public final class ContractVerifier {
    private static final int EVIDENCE_BODY = 4 * 1024;
    /**
     * The largest body handed to Pact's matcher. Pact diffs a mismatching body line by line (Myers' diff, quadratic
     * in lines: a 1 MiB body of newlines held a run for hours); a /sso answer is a small JSON object, so a larger
     * body fails its interaction unmatched.
     */
    static final int MATCH_LIMIT = 32 * 1024;
    // Pact logs requests (with their tokens) at debug level; keep its loggers quiet whatever the JUL config says.
    private static final Logger PACT_LOGGER = Logger.getLogger("au.com.dius.pact");

    static {
        PACT_LOGGER.setLevel(Level.WARNING);
    }

    /** The partner to verify. */
    public record Target(URI baseUrl, Secret secret, Duration timeout) {
    }

    private final Redactor redactor;
    private final List<Exchange> raw = new ArrayList<>();

    public ContractVerifier(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Every exchange of the verifications so far as the partner answered it (unredacted, for echo detection by
     * sso.errors.no-secret-echo; never rendered: evidence goes through the redactor).
     */
    public List<Exchange> rawExchanges() {
        return List.copyOf(raw);
    }

    /** The check id of each interaction, in pact order. */
    public static List<String> checkIds(ContractFile contract) {
        Set<String> ids = new HashSet<>();
        List<String> result = new ArrayList<>();
        for (Object interaction : contract.pact().getInteractions()) {
            result.add(uniqueId(((Interaction) interaction).getDescription(), ids));
        }
        return result;
    }

    /** The check of each interaction, in pact order, as verify-pact reports it (for 'explain pact.ID'). */
    public static List<PactInteractionCheck> checks(ContractFile contract) {
        String pactName = contract.pact().getConsumer().getName() + " -> " + contract.pact().getProvider().getName();
        Set<String> ids = new HashSet<>();
        List<PactInteractionCheck> result = new ArrayList<>();
        for (Object element : contract.pact().getInteractions()) {
            Interaction interaction = (Interaction) element;
            result.add(new PactInteractionCheck(uniqueId(interaction.getDescription(), ids), interaction.getDescription(),
                    interaction.getProviderStates().stream().map(ProviderState::getName).toList(), pactName));
        }
        return result;
    }

    /** Verifies every HTTP interaction of the contract, in pact order; never throws for a partner's behaviour. */
    public List<InteractionResult> verify(ContractFile contract, Target target, TokenSource valid, TokenSource expired) {
        return verify(contract, target, valid, expired, id -> true);
    }

    /** Verifies the selected interactions; the others are listed as {@link Status#NOT_SELECTED}, nothing sent. */
    public List<InteractionResult> verify(ContractFile contract, Target target, TokenSource valid, TokenSource expired,
                                          Predicate<String> selected) {
        redactor.add(target.secret(), "secret");
        ProviderInfo provider = providerInfo(contract, target);
        ConsumerInfo consumer = new ConsumerInfo(contract.pact().getConsumer().getName());
        ProviderVerifier verifier = new ProviderVerifier();
        verifier.setReporters(List.of());
        verifier.setStateChangeHandler(new TokenStateChange(valid, expired, redactor));

        List<InteractionResult> results = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object element : contract.pact().getInteractions()) {
            Interaction interaction = (Interaction) element;
            String id = uniqueId(interaction.getDescription(), ids);
            List<String> states = interaction.getProviderStates().stream().map(ProviderState::getName).toList();
            if (!selected.test(id)) {
                results.add(new InteractionResult(id, interaction.getDescription(), states, Status.NOT_SELECTED,
                        "skipped (--skip, or left out by --only)", List.of(), Optional.empty()));
                continue;
            }
            if (!interaction.isSynchronousRequestResponse()) {
                results.add(new InteractionResult(id, interaction.getDescription(), states, Status.ERROR,
                        "not an HTTP request/response interaction; verify-pact checks HTTP interactions only",
                        List.of(), Optional.empty()));
                continue;
            }
            RecordingClient client = new RecordingClient(provider, new BoundedHttpClientFactory(target.timeout()), redactor, raw);
            try {
                VerificationResult result = verifier.verifyInteraction(provider, consumer, new HashMap<>(), interaction, client);
                results.add(judge(id, interaction, states, result, client, target));
            } catch (RuntimeException e) {
                // the verifier itself gave up (e.g. a generator it cannot apply): the kit could not judge
                results.add(new InteractionResult(id, interaction.getDescription(), states, Status.ERROR,
                        "Pact's verifier failed: " + FailureWords.describe(e, redactor), List.of(), client.exchange()));
            }
        }
        return results;
    }

    private static ProviderInfo providerInfo(ContractFile contract, Target target) {
        URI base = target.baseUrl();
        ProviderInfo provider = new ProviderInfo(contract.pact().getProvider().getName());
        provider.setProtocol(base.getScheme());
        provider.setHost(base.getHost());
        provider.setPort(base.getPort() != -1 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        provider.setPath(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        provider.setRequestFilter(new SecretHeaderFilter(target.secret()));
        return provider;
    }

    private InteractionResult judge(String id, Interaction interaction, List<String> states, VerificationResult result,
                                    RecordingClient client, Target target) {
        Optional<Exchange> exchange = client.exchange();
        if (client.oversized() >= 0) {
            return new InteractionResult(id, interaction.getDescription(), states, Status.FAILED,
                    "the response body has " + client.oversized() + " characters; a /sso answer is a small JSON object "
                            + "and the kit matches bodies up to " + MATCH_LIMIT / 1024 + " KiB against the contract",
                    List.of(), exchange);
        }
        if (result instanceof VerificationResult.Ok) {
            return new InteractionResult(id, interaction.getDescription(), states, Status.PASSED,
                    "the partner's response matches the contract", List.of(), exchange);
        }
        VerificationResult.Failed failed = (VerificationResult.Failed) result;
        List<String> mismatches = new ArrayList<>();
        Status status = Status.FAILED;
        String message = "the partner's response does not match the contract";
        for (List<VerificationFailureType> failures : failed.getFailures().values()) {
            for (VerificationFailureType failure : failures) {
                if (failure instanceof VerificationFailureType.MismatchFailure mismatch) {
                    mismatches.add(redactor.redact(describe(mismatch.getMismatch())));
                } else if (failure instanceof VerificationFailureType.StateChangeFailure stateFailure) {
                    Object error = stateFailure.getResult().getStateChangeResult().errorValue();
                    status = !(error instanceof StateValueException e) ? Status.ERROR
                            : e.missingInput() ? Status.MISSING_INPUT : e.sourceFailed() ? Status.SOURCE_FAILED : Status.ERROR;
                    message = redactor.redact(error instanceof Exception e ? e.getMessage() : "provider state could not be set up");
                } else if (failure instanceof VerificationFailureType.ExceptionFailure exception) {
                    FailureWords words = FailureWords.of(exception.getE(), target.timeout(), false, redactor);
                    if (words.unreachable()) {
                        status = Status.UNREACHABLE;
                        message = redactor.redact("cannot connect to " + target.baseUrl() + ": "
                                + (words.kind() == TransportFailure.Kind.TLS ? "TLS failure: " : "") + words.reason());
                    } else if (words.kind() == TransportFailure.Kind.TIMEOUT) {
                        message = "no complete response within " + target.timeout().toMillis() + " ms";
                    } else {
                        message = "the request failed: " + words.reason();
                    }
                } else {
                    mismatches.add(redactor.redact(failure.description()));
                }
            }
        }
        return new InteractionResult(id, interaction.getDescription(), states, status, message, mismatches, exchange);
    }

    private static String describe(Mismatch mismatch) {
        if (mismatch instanceof BodyMismatch body) {
            return "body " + body.getPath() + ": " + body.getMismatch();
        }
        if (mismatch instanceof HeaderMismatch header) {
            return "header " + header.getHeaderKey() + ": " + header.getMismatch();
        }
        return mismatch.description();
    }

    /** Rethrows a checked exception where the overridden signature cannot declare it (Pact's Kotlin code throws it). */
    @SuppressWarnings("unchecked")
    private static <T extends Exception> T rethrow(Exception e) throws T {
        throw (T) e;
    }

    /** {@code pact.} plus the description in lower-case words joined by dashes, unique within the pact. */
    static String uniqueId(String description, Set<String> taken) {
        String slug = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String base = "pact." + (slug.isEmpty() ? "interaction" : slug);
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Pact's client, keeping the request it sent and the partner's answer (redacted) as evidence. */
    private static final class RecordingClient extends ProviderClient {
        private final Redactor redactor;
        private final List<Exchange> raw;
        private final Duration timeout;
        private Exchange exchange;
        private int oversized = -1;

        RecordingClient(ProviderInfo provider, BoundedHttpClientFactory factory, Redactor redactor, List<Exchange> raw) {
            super(provider, factory);
            this.timeout = factory.timeout();
            this.redactor = redactor;
            this.raw = raw;
        }

        Optional<Exchange> exchange() {
            return Optional.ofNullable(exchange);
        }

        /** The length of a body too large to hand to Pact's matcher, or -1. */
        int oversized() {
            return oversized;
        }

        @Override
        public ProviderResponse executeRequest(CloseableHttpClient httpClient, HttpUriRequest request) {
            RecordedRequest sent = record(request);
            long start = System.nanoTime();
            try {
                ProviderResponse response = super.executeRequest(httpClient, request);
                String body = Redactor.clean(response.getBody().isPresent() ? response.getBody().valueAsString() : "");
                List<Header> headers = new ArrayList<>();
                List<Header> rawHeaders = new ArrayList<>();
                response.getHeaders().forEach((name, values) -> values.forEach(value -> {
                    headers.add(new Header(name, redactor.redact(value)));
                    rawHeaders.add(new Header(name, Redactor.clean(value)));
                }));
                int status = response.getStatusCode() == null ? 0 : response.getStatusCode();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Reply reply = new RecordedResponse(status, headers, redactor.excerpt(body, EVIDENCE_BODY),
                        body.length() > EVIDENCE_BODY);
                exchange = new Exchange("pact request", sent, reply, elapsed);
                raw.add(new Exchange("pact request " + sent.method() + " " + sent.url(), sent,
                        new RecordedResponse(status, rawHeaders, body, false), elapsed));
                if (body.length() > MATCH_LIMIT) {
                    oversized = body.length();
                    return new ProviderResponse(response.getStatusCode(), response.getHeaders(), response.getContentType(),
                            au.com.dius.pact.core.model.OptionalBody.body("(not matched: larger than the kit matches)"),
                            response.getMetadata());
                }
                return response;
            } catch (Exception e) {
                // Pact lets the HTTP client's checked IOException (a body over 1 MiB, a reset) through unwrapped.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof BoundedHttpClientFactory.BodyTooLarge tooLarge) {
                        // What came before the limit is still judged for an echo (never shown: evidence says why).
                        List<Header> rawHeaders = tooLarge.headers().stream()
                                .map(h -> new Header(h.name(), Redactor.clean(h.value()))).toList();
                        String head = Redactor.clean(new String(tooLarge.head(), java.nio.charset.StandardCharsets.UTF_8));
                        raw.add(new Exchange("pact request " + sent.method() + " " + sent.url(), sent,
                                new RecordedResponse(tooLarge.status(), rawHeaders, head, true),
                                Duration.ofNanos(System.nanoTime() - start)));
                    }
                }
                exchange = new Exchange("pact request", sent, FailureWords.of(e, timeout, false, redactor).failure(),
                        Duration.ofNanos(System.nanoTime() - start));
                throw ContractVerifier.<RuntimeException>rethrow(e);
            }
        }

        private RecordedRequest record(HttpUriRequest request) {
            List<Header> headers = new ArrayList<>();
            for (org.apache.hc.core5.http.Header header : request.getHeaders()) {
                headers.add(new Header(header.getName(), redactor.redact(header.getValue())));
            }
            String body = "";
            long bodyBytes = 0;
            if (request instanceof ClassicHttpRequest classic && classic.getEntity() != null
                    && classic.getEntity().isRepeatable()) {
                HttpEntity entity = classic.getEntity();
                try {
                    body = EntityUtils.toString(entity);
                    bodyBytes = entity.getContentLength();
                } catch (java.io.IOException | org.apache.hc.core5.http.ParseException e) {
                    body = "(body not readable)";
                }
            }
            String url;
            try {
                url = request.getUri().toString();
            } catch (java.net.URISyntaxException e) {
                url = request.getRequestUri();
            }
            return new RecordedRequest(request.getMethod(), redactor.redact(url), headers,
                    redactor.excerpt(body, EVIDENCE_BODY), bodyBytes);
        }
    }
}
