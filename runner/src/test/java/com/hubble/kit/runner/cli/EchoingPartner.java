package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback /sso that works (a known valid token gets 200 with a profile, anything else 401/400/405) but echoes the
 * shared secret and the token it received in every answer, in one {@link Form} at one {@link Place}: the way
 * careless error handlers and debug headers leak credentials.
 */
final class EchoingPartner implements AutoCloseable {
    static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reversible encoding of a value, as partners' frameworks write them. */
    enum Form {
        PLAIN(v -> v),
        JSON(EchoingPartner::json),
        JSON_SLASH(v -> json(v).replace("/", "\\/")),
        JSON_UNICODE_LOWER(v -> escapeEach(v, "\\u%04x")),
        JSON_UNICODE_UPPER(v -> escapeEach(v, "\\u%04X")),
        URL_UPPER(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)),
        URL_LOWER(v -> lowerHex(URLEncoder.encode(v, StandardCharsets.UTF_8))),
        HTML_NAMED(v -> v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replace("/", "&#x2F;")),
        HTML_NUMERIC(v -> escapeEach(v, "&#%d;")),
        BASE64(v -> java.util.Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))),
        BASE64_URL(v -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8))),
        /** Inside a longer base64 blob, as a debug dump of a form post would hold it (byte alignment 1). */
        BASE64_INSIDE(v -> java.util.Base64.getEncoder().encodeToString(("secret=" + v + "&x=1").getBytes(StandardCharsets.UTF_8))),
        HEX_LOWER(v -> java.util.HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8))),
        HEX_UPPER(v -> java.util.HexFormat.of().withUpperCase().formatHex(v.getBytes(StandardCharsets.UTF_8)));

        final UnaryOperator<String> encode;

        Form(UnaryOperator<String> encode) {
            this.encode = encode;
        }
    }

    /** Where the echo goes. */
    enum Place {
        /** The body (a text/plain one for the plain form: plain text cannot sit raw inside JSON). */
        BODY,
        /** A response header of its own. */
        HEADER,
        /** The Location header, as a query. */
        LOCATION,
        /** The last bytes of a body of exactly 1 MiB (the kit's read limit: read whole). */
        END_OF_MIB,
        /** Across each point where the kit shortens text: messages (120), previews (2048), evidence (4096). */
        ACROSS_SHORTENING,
        /** Across the 1 MiB read limit: the kit reads only the first part. */
        ACROSS_READ_LIMIT
    }

    record Echo(Form form, Place place) {
        @Override
        public String toString() {
            return form + "@" + place;
        }
    }

    private final HttpServer server;
    private final String secret;
    private final String validToken;
    private final String expiredToken;
    private volatile List<Echo> echoes = List.of();

    EchoingPartner(String secret, String validToken, String expiredToken) throws IOException {
        this.secret = secret;
        this.validToken = validToken;
        this.expiredToken = expiredToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** What the next answers echo (none: a compliant partner). */
    EchoingPartner echoing(List<Echo> what) {
        this.echoes = List.copyOf(what);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] request = in.readNBytes(64 * 1024);
            String token = "";
            int status;
            String profile;
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("token=")) {
                token = URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8);
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                status = 405;
                profile = "\"userId\":null";
                exchange.getResponseHeaders().add("Allow", "POST");
            } else {
                JsonNode body = null;
                try {
                    body = JSON.readTree(request);
                } catch (IOException e) {
                    // broken JSON: 400 below
                }
                JsonNode tokenNode = body == null ? null : body.get("token");
                token = tokenNode != null && tokenNode.isTextual() ? tokenNode.asText() : "";
                String given = exchange.getRequestHeaders().getFirst("X-Hubble-Secret");
                if (tokenNode == null || !tokenNode.isTextual() || token.isEmpty()) {
                    status = 400;
                } else if (!secret.equals(given)) {
                    status = 401;
                } else {
                    status = token.equals(validToken) ? 200 : 401;
                }
                profile = status == 200 ? "\"userId\":\"partner-user-9\",\"email\":\"user9@example.com\",\"firstName\":\"Ada\","
                        + "\"lastName\":\"Lovelace\",\"phoneNumber\":\"5550100\",\"cohorts\":[\"beta\"]" : "\"userId\":null";
            }
            String contentType = "application/json";
            String body = "{" + profile + "}";
            for (Echo echo : echoes) {
                String text = echo.form.encode.apply(secret) + " " + (token.isEmpty() ? "" : echo.form.encode.apply(token));
                switch (echo.place) {
                    case HEADER -> exchange.getResponseHeaders().add("X-Debug-Echo", headerSafe(text));
                    case LOCATION -> exchange.getResponseHeaders().add("Location", "https://partner.invalid/back?s="
                            + URLEncoder.encode(echo.form.encode.apply(secret), StandardCharsets.UTF_8)
                            + "&t=" + URLEncoder.encode(echo.form.encode.apply(token), StandardCharsets.UTF_8));
                    case BODY -> {
                        if (echo.form == Form.PLAIN) {
                            contentType = "text/plain";
                            body = "request refused for secret " + text + " (status " + status + ")";
                        } else {
                            body = body.substring(0, body.length() - 1) + ",\"detail\":\"" + jsonSafe(echo.form, text) + "\"}";
                        }
                    }
                    case END_OF_MIB -> {
                        String tail = jsonSafe(echo.form, text) + "\"}";
                        String head = body.substring(0, body.length() - 1) + ",\"pad\":\"";
                        body = head + "x".repeat(MIB - head.length() - tail.length()) + tail;
                    }
                    case ACROSS_SHORTENING -> {
                        String value = jsonSafe(echo.form, text);
                        StringBuilder across = new StringBuilder(body.substring(0, body.length() - 1)).append(",\"d\":\"");
                        for (int point : new int[]{120, 2048, 4096}) {
                            across.append("y".repeat(Math.max(0, point - value.length() / 2 - across.length())))
                                    .append(value).append(' ');
                        }
                        body = across.append("z".repeat(200)).append("\"}").toString();
                    }
                    case ACROSS_READ_LIMIT -> {
                        String value = jsonSafe(echo.form, text);
                        String head = body.substring(0, body.length() - 1) + ",\"pad\":\"";
                        body = head + "x".repeat(MIB - head.length() - value.length() / 2) + value + "\"}";
                    }
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // the kit stops reading at its limit
            }
        }
    }

    /** The echo inside a JSON string: forms that are not JSON themselves get JSON's own escaping. */
    private static String jsonSafe(Form form, String text) {
        return switch (form) {
            case JSON, JSON_SLASH, JSON_UNICODE_LOWER, JSON_UNICODE_UPPER, URL_UPPER, URL_LOWER, HTML_NAMED, HTML_NUMERIC,
                 BASE64, BASE64_URL, BASE64_INSIDE, HEX_LOWER, HEX_UPPER -> text;
            case PLAIN -> json(text);
        };
    }

    private static String headerSafe(String text) {
        return text.strip();
    }

    static String json(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    private static String escapeEach(String value, String format) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 ? String.valueOf(c) : String.format(Locale.ROOT, format, (int) c));
        }
        return out.toString();
    }

    private static String lowerHex(String url) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%') {
                out.append('%').append(url.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every form of a value, and every 12-character piece of each: none may appear in anything the kit writes. */
    static List<String> forbidden(String value) {
        List<String> all = new ArrayList<>();
        for (Form form : Form.values()) {
            String encoded = form.encode.apply(value);
            all.add(encoded);
            all.add(encoded.replace("+", "%20"));
            for (int i = 0; i + 12 <= encoded.length(); i++) {
                all.add(encoded.substring(i, i + 12));
            }
        }
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
