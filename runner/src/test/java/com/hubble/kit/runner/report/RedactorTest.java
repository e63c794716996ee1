package com.hubble.kit.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.hubble.kit.reference.Secret;

class RedactorTest {
    static final String SECRET = "s3cr/et+a=b&c<d>e\"f'g h";

    /** The reversible forms a partner or a library may give a value, by name. */
    static Map<String, String> forms(String value) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("plain", value);
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
        forms.put("json", json);
        forms.put("json-slash", json.replace("/", "\\/"));
        forms.put("json-u-lower", escapeEach(value, "\\u%04x"));
        forms.put("json-u-upper", escapeEach(value, "\\u%04X"));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.put("url-upper", url);
        forms.put("url-lower", lowerHex(url));
        forms.put("url-space-%20", url.replace("+", "%20"));
        forms.put("html-named", value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;").replace("/", "&sol;"));
        forms.put("html-hex", escapeEach(value, "&#x%X;"));
        forms.put("html-hex-lower", escapeEach(value, "&#x%x;"));
        forms.put("html-decimal", escapeEach(value, "&#%d;"));
        forms.put("url-inside-json", new String(JsonStringEncoder.getInstance().quoteAsString(url)).replace("%", "\\u0025"));
        forms.put("html-of-json", json.replace("\\", "&#92;"));
        return forms;
    }

    /** Every character but letters and digits written with {@code format} (a JSON or an HTML numeric escape). */
    private static String escapeEach(String value, String format) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : String.format(format, (int) c));
        }
        return out.toString();
    }

    private static String lowerHex(String url) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%') {
                out.append('%').append(url.substring(i + 1, i + 3).toLowerCase());
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Redactor redactor() {
        return new Redactor().add(Secret.of(SECRET), "secret").add(Secret.of("tok-ABCDEF0123456789"), "token");
    }

    @Test
    void redactsTheSecretInEveryReversibleEncodingAndLeavesTheTextAround() {
        Redactor redactor = redactor();
        for (Map.Entry<String, String> form : forms(SECRET).entrySet()) {
            String text = "{\"error\":\"bad secret " + form.getValue() + " given\"}";
            String redacted = redactor.redact(text);
            assertEquals("{\"error\":\"bad secret [REDACTED:secret] given\"}", redacted, form.getKey() + ": " + text);
        }
    }

    @Test
    void findsAnEchoInEveryEncodingInABodyAndInAHeader() {
        Redactor redactor = redactor();
        for (Map.Entry<String, String> form : forms(SECRET).entrySet()) {
            RecordedResponse inBody = new RecordedResponse(401, List.of(), "{\"msg\":\"" + form.getValue() + "\"}", false);
            assertEquals(Optional.of("secret came back in the response body"), redactor.echoIn(inBody), form.getKey());
            RecordedResponse inLocation = new RecordedResponse(302,
                    List.of(new Header("Location", "https://x.example/?s=" + form.getValue())), "", false);
            assertEquals(Optional.of("secret came back in the response header Location"), redactor.echoIn(inLocation),
                    form.getKey());
        }
    }

    @Test
    void aShortSecretIsNotFoundInsideOrdinaryWordsButIsRedactedAndFoundWhole() {
        Redactor redactor = new Redactor().add(Secret.of("and"), "secret");
        RecordedResponse profile = new RecordedResponse(200, List.of(),
                "{\"userId\":\"u1\",\"firstName\":\"Alexander\",\"lastName\":\"Sand\",\"cohorts\":[\"brand\"]}", false);
        assertEquals(Optional.empty(), redactor.echoIn(profile));
        RecordedResponse whole = new RecordedResponse(401, List.of(), "{\"userId\":null,\"got\":\"and\"}", false);
        assertTrue(redactor.echoIn(whole).isPresent());
        RecordedResponse escaped = new RecordedResponse(401, List.of(new Header("X-Echo", "%61nd")), "", false);
        assertTrue(redactor.echoIn(escaped).isPresent());
    }

    @Test
    void aCompliantProfileWithNoSecretIsNoEcho() {
        Redactor redactor = redactor();
        RecordedResponse profile = new RecordedResponse(200, List.of(new Header("Content-Type", "application/json")),
                "{\"userId\":\"test-user-123\",\"email\":\"testuser@example.com\",\"firstName\":\"Test\"}", false);
        assertEquals(Optional.empty(), redactor.echoIn(profile));
        assertEquals(profile.body(), redactor.redact(profile.body()));
    }

    @Test
    void aBodyCutByTheReadLimitLosesTheBeginningOfASecretLeftAtTheCutAndCountsAsAnEcho() {
        Redactor redactor = redactor();
        String body = "x".repeat(100) + SECRET.substring(0, 11);
        assertEquals("x".repeat(100) + "[REDACTED:secret]", redactor.redactCut(body));
        assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(), body, true)).isPresent());
        assertFalse(redactor.echoIn(new RecordedResponse(200, List.of(), body, false)).isPresent(),
                "an uncut body that merely ends like the secret is no echo");
        String halfEscaped = "x".repeat(10) + "s3cr%2";
        assertEquals("x".repeat(10) + "[REDACTED:secret]", redactor.redactCut(halfEscaped));
    }

    @Test
    void aTextWithoutEscapesIsStillSearchedAsItCameAndAsAUrlDecoderReadsIt() {
        // No \\, % or & in the text: one decoded form stands for all of them; '+' read as ' ' must still count.
        Redactor redactor = new Redactor().add(Secret.of("k3y+part/two"), "secret");
        assertEquals("a [REDACTED:secret] b", redactor.redact("a k3y+part/two b"));
        assertEquals("a [REDACTED:secret] b", redactor.redact("a k3y part/two b"));
        assertEquals("{\"t\":\"[REDACTED:secret]", redactor.redactCut("{\"t\":\"k3y pa"));
        assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(), "was k3y part/two", false)).isPresent());
    }

    @Test
    void anExcerptOfALongTextShowsWhatRedactingItWholeWouldShow() {
        java.util.Random random = new java.util.Random(11);
        String token = "tok-" + "Zq9".repeat(40);
        Redactor redactor = redactor().add(Secret.of(token), "token");
        List<String> values = new java.util.ArrayList<>(forms(SECRET).values());
        values.addAll(forms(token).values());
        for (int round = 0; round < 200; round++) {
            int max = 1 + random.nextInt(3000);
            StringBuilder text = new StringBuilder();
            while (text.length() < Redactor.WHOLE_EXCERPT + 1000) {
                // Values sit anywhere, most of them around the excerpt's end, some half written at a cut.
                int filler = random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(max + 50);
                text.append("x%&\\ab".charAt(random.nextInt(6))).append("y".repeat(filler));
                String value = values.get(random.nextInt(values.size()));
                text.append(random.nextInt(10) == 0 ? value.substring(0, random.nextInt(value.length())) : value);
            }
            String whole = Preview.of(redactor.redact(text.toString()), max);
            String excerpt = redactor.excerpt(text.toString(), max);
            assertEquals(whole.substring(0, Math.min(max, whole.length())), excerpt.substring(0, Math.min(max, excerpt.length())),
                    "round " + round);
        }
        String junk = "{\"token\":\"" + token + "hk-" + "Ab0_".repeat(300_000) + "\"}";
        assertEquals(Preview.of(redactor.redact(junk), 2048), redactor.excerpt(junk, 2048), "the count too, with no value after the head");
    }

    @Test
    void anExcerptIsRedactedWholeBeforeItIsShortened() {
        Redactor redactor = redactor();
        String text = "y".repeat(90) + SECRET + "z".repeat(50);
        String excerpt = redactor.excerpt(text, 100);
        assertFalse(excerpt.contains(SECRET.substring(0, 10)), excerpt);
        assertTrue(excerpt.startsWith("y".repeat(90) + "[REDACTED"), excerpt);
    }

    @Test
    void unpairedSurrogatesAndNulBecomeReplacementCharactersAndPairsStay() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", Redactor.clean("a\uD800b\u0000c\uDC00"));
        assertEquals("smile \uD83D\uDE00", Redactor.clean("smile \uD83D\uDE00"));
        assertEquals("x\uFFFD", redactor().redact("x\uD800"));
    }

    @Test
    void tokenShapedTextIsRedactedAndWordsPathsAndHostsStay() {
        String line = "curl: (22) 401 for https://auth.example.com/mint token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123 "
                + "and opaque 9f8e7d6c5b4a39281706";
        String redacted = Redactor.redactTokenShaped(line);
        assertFalse(redacted.contains("eyJhbGci"), redacted);
        assertFalse(redacted.contains("9f8e7d6c5b4a"), redacted);
        assertTrue(redacted.contains("curl: (22) 401 for https://auth.example.com/mint token [REDACTED:token-shaped]"), redacted);
    }

    /** Finding F5 (i9-surface): a backslash just before an encoded echo read as a JSON escape with its first letter. */
    @Test
    void aBackslashJustBeforeAnEncodedValueDoesNotHideIt() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("tokenvalue/abc", new String[] {"\\tokenvalue%2Fabc", "x\\tokenvalue\\/abc", "\\tokenvalue\\u002Fabc",
                "\\tokenvalue&#x2F;abc", "a\\\\\\tokenvalue%2fabc"});
        cases.put("nSaMZaA~~", new String[] {"\\nSaMZaA&#x7E;&#x7E;", "\\nSaMZaA%7E%7E", "\\nSaMZaA\\u007e\\u007e"});
        cases.put("x41bcdefgh/", new String[] {"\\x41bcdefgh&sol;"});
        // The first escape raw and a later one decoded: no single reading of the text holds the value.
        cases.put("u0041bcdefgh/", new String[] {"\\u0041bcdefgh%2F", "\\u0041bcdefgh\\/", "\\u0041bcdefgh\\u002F"});
        cases.put("nabcdefgh\n", new String[] {"\\nabcdefgh\\n"});
        cases.put("tokenvalue\tx", new String[] {"\\tokenvalue\\tx", "\\tokenvalue\\u0009x"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Redactor redactor = new Redactor().add(Secret.of(c.getKey()), "token");
            for (String text : c.getValue()) {
                String redacted = redactor.redact(text);
                assertTrue(redacted.contains("[REDACTED:token]"), text + " -> " + redacted);
                assertFalse(redacted.contains(c.getKey().substring(1, 8)), text + " -> " + redacted);
                assertEquals(Optional.of("token came back in the response body"),
                        redactor.echoIn(new RecordedResponse(200, List.of(), "{\"error\":\"" + text + "\"}", false)), text);
                assertEquals(Optional.of("token came back in the response header WWW-Authenticate"), redactor.echoIn(
                        new RecordedResponse(401, List.of(new Header("WWW-Authenticate", "Bearer " + text)), "", false)), text);
            }
        }
    }

    /** Jazzer (f6): an escape begun just before the value swallows its first characters: "&#x2" + "7/ZZ...". */
    @Test
    void anEscapeBegunJustBeforeAValueDoesNotHideItWhateverItSwallows() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("7/ZZ\"/\\=/b~~~~c4_\"", new String[] {"&#x27/ZZ&quot;/\\=/b~~~~c4_&quot;m7By"});
        cases.put("41bcdefgh/xyz", new String[] {"%41bcdefgh%2Fxyz", "\\u0041bcdefgh\\/xyz",
                "&#6541bcdefgh&#47;xyz"});
        cases.put("p;abcdefgh/xy", new String[] {"&amp;abcdefgh%2Fxy"});
        // Jazzer: 4 of 8 characters swallowed ("&#x3" + "3211" is one entity), 4 left.
        cases.put("3211_Z&&", new String[] {"&#x33211_Z&amp;&amp;"});
        cases.put(";abcdefgh/xyz", new String[] {"&amp;abcdefgh\\/xyz", "&#x41;abcdefgh&#x2F;xyz"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Redactor redactor = new Redactor().add(Secret.of(c.getKey()), "secret");
            for (String text : c.getValue()) {
                String redacted = redactor.redact("error " + text);
                assertTrue(redacted.startsWith("error [REDACTED:secret]"), text + " -> " + redacted);
                // half of an 8-character value swallowed: redacted, but too little is left to count as an echo
                if (c.getKey().length() > Redactor.SUBSTRING_MATCH_MIN) {
                    assertTrue(redactor.echoIn(new RecordedResponse(400, List.of(), "error " + text, false)).isPresent(), text);
                }
            }
        }
    }

    /** Finding F5 (i9-surface): a value holding escape-like text, echoed in one encoding that leaves that text as is. */
    @Test
    void aValueHoldingEscapeLikeTextIsFoundInEachEncodingAlone() {
        String secret = "&e\\/4=:=";
        Redactor redactor = new Redactor().add(Secret.of(secret), "secret");
        for (String text : List.of("&amp;e\\/4=:=", "%26e%5C%2F4%3D%3A%3D", "%26e\\/4=:=", "&amp;e&#92;/4=:=",
                "&#38;e\\/4&#61;:=", "\\u0026e\\\\\\/4=:=")) {
            String redacted = redactor.redact("error: " + text + " end");
            assertEquals("error: [REDACTED:secret] end", redacted, text);
            assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(), "was " + text, false)).isPresent(), text);
        }
        Redactor shortOne = new Redactor().add(Secret.of("&a\\/b"), "secret");
        assertEquals(Optional.of("secret came back in the response body"),
                shortOne.echoIn(new RecordedResponse(200, List.of(), "{\"m\":\"&amp;a\\\\/b\"}", false)));
        assertEquals("[REDACTED:secret]", shortOne.redact("&amp;a\\/b"));
    }

    /**
     * The characters of {@code base64(prefix + value)} that depend only on the value's bytes: what a partner reveals
     * when it base64-encodes the value inside a longer blob.
     */
    static String base64Core(Base64.Encoder encoder, String prefix, String value) {
        int p = prefix.getBytes(StandardCharsets.UTF_8).length;
        int l = value.getBytes(StandardCharsets.UTF_8).length;
        String all = encoder.encodeToString((prefix + value + "~tail").getBytes(StandardCharsets.UTF_8));
        return all.substring((8 * p + 5) / 6, (8 * (p + l)) / 6);
    }

    /** Base64 (standard, URL-safe, padded or not, alone or at each byte alignment inside a blob) and hex of a value. */
    static Map<String, String[]> encodedForms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Map<String, String[]> forms = new LinkedHashMap<>();
        forms.put("base64", new String[] {Base64.getEncoder().encodeToString(bytes), base64Core(Base64.getEncoder(), "", value)});
        forms.put("base64-unpadded", new String[] {Base64.getEncoder().withoutPadding().encodeToString(bytes),
                base64Core(Base64.getEncoder(), "", value)});
        forms.put("base64url", new String[] {Base64.getUrlEncoder().encodeToString(bytes), base64Core(Base64.getUrlEncoder(), "", value)});
        forms.put("base64url-unpadded", new String[] {Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                base64Core(Base64.getUrlEncoder(), "", value)});
        for (String prefix : List.of("secret=", "s=", "sec=", "k")) {
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
                String blob = encoder.encodeToString((prefix + value + "&more=1").getBytes(StandardCharsets.UTF_8));
                String core = base64Core(encoder, prefix, value);
                forms.put("inside-" + prefix + (encoder == Base64.getEncoder() ? "" : "-url"), new String[] {blob, core});
                // The characters around the core also hold bits of the text around the value: a partner's may differ.
                int at = blob.indexOf(core);
                String altered = blob.substring(0, at - 1) + (blob.charAt(at - 1) == 'Q' ? 'R' : 'Q') + core
                        + (blob.charAt(at + core.length()) == 'Q' ? 'R' : 'Q') + blob.substring(at + core.length() + 1);
                forms.put("inside-" + prefix + (encoder == Base64.getEncoder() ? "" : "-url") + "-edges-altered",
                        new String[] {altered, core});
                forms.put("core-alone-" + prefix + (encoder == Base64.getEncoder() ? "" : "-url"), new String[] {core, core});
            }
        }
        forms.put("hex", new String[] {HexFormat.of().formatHex(bytes), HexFormat.of().formatHex(bytes)});
        forms.put("HEX", new String[] {HexFormat.of().withUpperCase().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes)});
        String url = Base64.getEncoder().encodeToString(bytes);
        forms.put("base64-url-encoded", new String[] {URLEncoder.encode(url, StandardCharsets.UTF_8), url.replace("=", "")});
        forms.put("base64-json-slash", new String[] {url.replace("/", "\\/"), url.replace("=", "")});
        forms.put("base64-wrapped", new String[] {url.substring(0, 8) + "\r\n" + url.substring(8), url.substring(8).replace("=", "")});
        return forms;
    }

    @Test
    void redactsAndFindsTheBase64AndHexOfTheSecretAndOfATokenAloneOrInsideALongerBlob() {
        Redactor redactor = redactor();
        for (String value : List.of(SECRET, "tok-ABCDEF0123456789", "caf\u00e9-\u20ac-token-\uD83D\uDE00")) {
            redactor.add(Secret.of(value), value.equals(SECRET) ? "secret" : "token");
            String label = value.equals(SECRET) ? "[REDACTED:secret]" : "[REDACTED:token]";
            for (Map.Entry<String, String[]> form : encodedForms(value).entrySet()) {
                String encoded = form.getValue()[0];
                String core = form.getValue()[1];
                String text = "{\"debug\":\"" + encoded + "\",\"next\":1}";
                String redacted = redactor.redact(text);
                String cell = value + " " + form.getKey() + ": " + text + " -> " + redacted;
                assertTrue(redacted.contains(label), cell);
                for (int i = 0; i + 4 <= core.length(); i++) {
                    assertFalse(redacted.contains(core.substring(i, i + 4)), cell);
                }
                assertTrue(redacted.startsWith("{\"debug\":\"") && redacted.endsWith("\",\"next\":1}"), cell);
                assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(), text, false)).isPresent(), cell);
                assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(new Header("X-Debug", encoded)), "", false))
                        .isPresent(), cell);
            }
        }
    }

    @Test
    void aBase64BlobCutAtTheReadLimitLosesTheBeginningOfAnEncodedValue() {
        Redactor redactor = redactor();
        String blob = Base64.getEncoder().encodeToString(("x".repeat(40) + SECRET).getBytes(StandardCharsets.UTF_8));
        String cut = blob.substring(0, blob.length() - 20);
        String redacted = redactor.redactCut("{\"pad\":\"" + cut);
        assertTrue(redacted.endsWith("[REDACTED:secret]"), redacted);
        assertTrue(redactor.echoIn(new RecordedResponse(200, List.of(), "{\"pad\":\"" + cut, true)).isPresent());
    }

    @Test
    void ordinaryBase64AndHexAroundAShortValueStayAndTheShortValueCountsOnlyAsAWholeRun() {
        Redactor redactor = new Redactor().add(Secret.of("and"), "secret").add(Secret.of("tok-ABCDEF0123456789"), "token");
        // Random bytes hold "and" at some offset: its base64 or hex alignment fragments must not redact the blob.
        byte[] random = new byte[3000];
        new java.util.Random(7).nextBytes(random);
        System.arraycopy("xandx".getBytes(StandardCharsets.US_ASCII), 0, random, 1000, 5);
        System.arraycopy("yyandyy".getBytes(StandardCharsets.US_ASCII), 0, random, 2000, 7);
        String text = "{\"avatar\":\"" + Base64.getEncoder().encodeToString(random) + "\",\"sha\":\""
                + HexFormat.of().formatHex(random, 0, 64) + "\",\"id\":\"" + HexFormat.of().formatHex("xxandxx".getBytes()) + "\"}";
        assertEquals(text, redactor.redact(text));
        assertEquals(Optional.empty(), redactor.echoIn(new RecordedResponse(200, List.of(), text, false)));
        for (String whole : List.of("YW5k", "\\u0059W5k", "616e64", "616E64")) {
            String echoed = "{\"got\":\"" + whole + "\"}";
            assertEquals("{\"got\":\"[REDACTED:secret]\"}", redactor.redact(echoed), whole);
            assertTrue(redactor.echoIn(new RecordedResponse(401, List.of(), echoed, false)).isPresent(), whole);
            assertTrue(redactor.echoIn(new RecordedResponse(401, List.of(new Header("X-Echo", whole + "=")), "", false))
                    .isPresent(), whole);
        }
        String profile = "{\"userId\":\"test-user-123\",\"email\":\"testuser@example.com\",\"token\":\"eyJhbGciOiJIUzI1NiJ9\"}";
        assertEquals(profile, redactor.redact(profile));
    }

    @Test
    void redactionIsLinearOnAdversarialMegabyteTexts() {
        Redactor redactor = new Redactor().add(Secret.of("a".repeat(63) + "b"), "secret")
                .add(Secret.of("%".repeat(20) + "x"), "token");
        List<String> texts = List.of("a".repeat(1 << 20), "%2".repeat(1 << 19), "&#x".repeat(1 << 18),
                "\\u00".repeat(1 << 18), "&amp;".repeat(1 << 18), "%".repeat(1 << 20), "%E2%82".repeat(1 << 17));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String text : texts) {
                redactor.redact(text);
                redactor.redactCut(text);
                redactor.echoIn(new RecordedResponse(200, List.of(), text, true));
            }
        });
    }

    @Test
    void aRunThatRegistersThousandsOfTokensKeepsRedactingEveryOneOfThem() {
        Redactor redactor = new Redactor().add(Secret.of(SECRET), "secret");
        List<String> tokens = new java.util.ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3000; i++) {
                String token = "hk-" + java.util.UUID.randomUUID() + "/" + i;
                tokens.add(token);
                redactor.add(Secret.of(token), "token");
                assertEquals("sent [REDACTED:token]", redactor.redact("sent " + token));
            }
        });
        for (String token : List.of(tokens.get(0), tokens.get(1234), tokens.get(2999))) {
            assertEquals("{\"t\":\"[REDACTED:token]\",\"s\":\"[REDACTED:secret]\"}",
                    redactor.redact("{\"t\":\"" + token.replace("/", "\\/") + "\",\"s\":\"" + forms(SECRET).get("url-lower") + "\"}"));
        }
    }
}
