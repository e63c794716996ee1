package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.client.ApiError;
import com.hubble.kit.reference.client.ClientConfigurationException;
import com.hubble.kit.reference.client.ClientSettings;
import com.hubble.kit.reference.client.HubbleApiException;
import com.hubble.kit.reference.client.HubbleClient;
import com.hubble.kit.reference.client.HubbleEnvironment;
import com.hubble.kit.reference.client.LoginResult;
import com.hubble.kit.reference.client.ProductQuery;
import com.hubble.kit.reference.client.ProductsPage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.Redactor;

/** hubble-kit login-doctor: tries a login and one authenticated call, and explains each failure. */
@Command(name = "login-doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Logs in to Hubble's partner API with your credentials, makes one authenticated call "
                + "(GET /v1/partners/products?limit=1), and explains any failure with its common causes: wrong "
                + "environment keys, the singular /v1/partner/ path, the IP allow-list, missing headers.",
                "The client id comes from --client-id or HUBBLE_CLIENT_ID; the secret from HUBBLE_CLIENT_SECRET "
                        + "(or --secret-env / --secret-file), never from the command line."})
public final class LoginDoctorCommand implements Callable<ExitCode> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base-url", paramLabel = "URL", required = true,
            description = "Hubble's base URL: https://api.dev.myhubble.money (staging), https://api.myhubble.money "
                    + "(production), or a sandbox's URL.")
    String baseUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "The clientId (default: $HUBBLE_CLIENT_ID).")
    String clientId;

    @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "HUBBLE_CLIENT_SECRET",
            description = "Environment variable holding the clientSecret (default: ${DEFAULT-VALUE}).")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "PATH", description = "File holding the clientSecret (one line).")
    Path secretFile;

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        // The secret and every token a login returns are redacted from all the kit prints (stdout, stderr, log
        // records): the server's error messages are printed, and a hostile or broken one may quote them, encoded.
        Redactor redactor = KitOutput.redactorOf(out);
        ClientSettings settings;
        try {
            settings = settings(out);
        } catch (ClientConfigurationException e) {
            throw new UsageError(e.getMessage());
        }
        redactor.add(settings.clientSecret(), "secret");
        out.println("Hubble at " + settings.baseUri() + " as clientId " + settings.clientId() + " ("
                + environmentName(settings.baseUri()) + ")");
        try (LogsToStderr logs = new LogsToStderr(spec.commandLine().getErr());
             HubbleClient client = new HubbleClient(settings, Clock.systemUTC(), token -> redactor.add(token, "token"))) {
            LoginResult login;
            try {
                login = client.login();
            } catch (HubbleApiException e) {
                return explain(out, "login (POST /v1/partners/auth/login)", e, loginCauses(e, settings));
            }
            out.println("OK    login: 200, token valid for " + login.expiresInSecs() + " s");
            try {
                ProductsPage page = client.listProducts(ProductQuery.page(1, 1));
                out.println("OK    authenticated call: GET /v1/partners/products -> 200, " + page.data().size()
                        + " brand(s) on the first page");
            } catch (HubbleApiException e) {
                return explain(out, "authenticated call (GET /v1/partners/products)", e, callCauses(e));
            }
            out.println("All good: this machine can log in and call Hubble with these credentials.");
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    private ClientSettings settings(PrintWriter out) {
        URI base;
        try {
            base = URI.create(baseUrl.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ClientConfigurationException("--base-url '" + baseUrl + "' is not a URL");
        }
        String path = base.getPath() == null ? "" : base.getPath();
        if (path.startsWith("/v1/")) {
            throw new ClientConfigurationException("--base-url is the bare host (e.g. https://api.dev.myhubble.money); "
                    + "drop " + path + (path.startsWith("/v1/partner/") || path.equals("/v1/partner")
                    ? " (and note the path is /v1/partners/, plural)" : ""));
        }
        String id = clientId != null ? clientId : System.getenv(ClientSettings.ENV_CLIENT_ID);
        if (id == null || id.isBlank()) {
            throw new ClientConfigurationException("no clientId: set HUBBLE_CLIENT_ID or pass --client-id");
        }
        String secret;
        if (secretFile != null) {
            try {
                secret = Files.readString(secretFile, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException e) {
                throw new ClientConfigurationException("--secret-file " + secretFile + " cannot be read");
            }
        } else {
            secret = System.getenv(secretEnv);
        }
        if (secret == null || secret.isEmpty()) {
            throw new ClientConfigurationException("no clientSecret: set " + secretEnv + " (or use --secret-file)");
        }
        if (!id.equals(id.strip()) || !secret.equals(secret.strip())) {
            out.println("NOTE  the clientId or clientSecret has leading/trailing spaces; they are sent as they are");
        }
        return ClientSettings.of(base, id, Secret.of(secret));
    }

    private static ExitCode explain(PrintWriter out, String step, HubbleApiException e, List<String> causes) {
        if (e.status() == 0) {
            out.println("FAIL  " + step + ": no response (" + e.getMessage() + ")");
            out.println("      likely causes: the base URL is wrong (staging https://api.dev.myhubble.money, "
                    + "production https://api.myhubble.money), DNS or a proxy/firewall blocks this machine, "
                    + "or a TLS interception proxy.");
            out.flush();
            return ExitCode.UNREACHABLE;
        }
        Optional<ApiError> error = e.error();
        out.println("FAIL  " + step + ": " + e.status()
                + error.map(er -> " " + er.code() + " \"" + er.message() + "\"").orElse("")
                + " [X-REQUEST-ID " + e.requestId() + "]");
        error.ifPresent(er -> er.subErrors().forEach(s -> out.println("      field " + s.fieldName() + ": "
                + s.message())));
        out.println("      likely causes:");
        causes.forEach(c -> out.println("        - " + c));
        out.println("      When contacting Hubble support, give the X-REQUEST-ID above, your clientId and the environment.");
        out.flush();
        return ExitCode.NON_COMPLIANT;
    }

    static List<String> loginCauses(HubbleApiException e, ClientSettings settings) {
        return switch (e.status()) {
            case 401 -> List.of("the clientId has a typo or is incorrect, or the clientSecret is wrong",
                    "you are hitting the wrong environment: staging keys on production or the reverse (this is "
                            + environmentName(settings.baseUri()) + ")",
                    "contact Hubble support with your clientId and environment details");
            case 400 -> List.of("missing fields in the request body: the login needs JSON {\"clientId\", \"clientSecret\"}",
                    "the body was not sent as JSON (Content-Type: application/json)");
            case 403 -> List.of("the request comes from an IP address Hubble has not allow-listed: only pre-approved "
                            + "IPs may call the API; ask Hubble to allow-list this machine's egress IP",
                    "a proxy or NAT changes your egress IP");
            case 404 -> List.of("wrong path: the login is POST /v1/partners/auth/login (plural partners, not "
                            + "/v1/partner/)",
                    "the base URL has an extra path segment; use only the host");
            case 405 -> List.of("the login requires POST");
            case 429 -> List.of("too many requests: do not log in before every call; cache the token");
            default -> List.of("Hubble answered " + e.status() + "; retry later, and report the X-REQUEST-ID if it persists");
        };
    }

    static List<String> callCauses(HubbleApiException e) {
        return switch (e.status()) {
            case 401 -> List.of("the token was rejected even after a fresh login: send it as Authorization: Bearer <token>",
                    "the token belongs to another environment than this base URL");
            case 400 -> List.of("missing headers: every call needs Authorization: Bearer <token> and X-REQUEST-ID: <UUID>");
            case 403 -> List.of("the IP allow-list: this machine's egress IP is not approved for API calls");
            case 404 -> List.of("wrong path: /v1/partners/... (plural), not /v1/partner/...");
            default -> List.of("Hubble answered " + e.status() + "; retry later, and report the X-REQUEST-ID if it persists");
        };
    }

    static String environmentName(URI base) {
        for (HubbleEnvironment environment : HubbleEnvironment.values()) {
            if (environment.baseUri().getHost().equalsIgnoreCase(base.getHost())) {
                return environment.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "neither staging nor production: a sandbox or proxy";
    }
}
