package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.runner.cli.EchoingPartner.Echo;
import com.hubble.kit.runner.cli.EchoingPartner.Form;
import com.hubble.kit.runner.cli.EchoingPartner.Place;

/**
 * The leak matrix: secrets of several shapes x the forms (reversible escapes, base64 alone or inside a blob, hex) and
 * places a partner echoes them in x check and verify-pact. In every cell nothing the kit prints or writes holds the secret or a token, in any of those forms
 * or as any 12-character piece, and sso.errors.no-secret-echo FAILs where an echo was sent (PASSes where none was).
 * Bounded: each form and place runs once per command with a rotating secret shape; all shapes also run with
 * several echoes at once; one partner per shape, shared.
 */
class LeakMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 8 to 64 characters, between them / + = & < > " ' and spaces. */
    static final List<String> SECRETS = List.of(
            "a/+=&<\"'",
            "sp ace/with+sym=bols&23",
            "<Hubble> \"quoted\" 'single' a/b+c=d&e 40",
            "Zx9/Qw+Er=Ty&Ui<Op>As\"Df'Gh Jk/Lz+Xc=Vb&Nm<Qa>Ws\"Ed'Rf Tg/Yh+U64");
    static final String VALID = "vt/Ab+Cd=Ef&Gh<Ij>Kl\"Mn'Op Qr-01";
    static final String EXPIRED = "xt/Zy+Xw=Vu&Ts<Rq>Po\"Nm'Lk Ji-02";
    private static final List<String> CHECKS = List.of("sso.valid.status", "sso.method.get", "sso.errors.json",
            "sso.errors.no-secret-echo");

    @TempDir
    static Path dir;
    private static final List<EchoingPartner> PARTNERS = new ArrayList<>();

    @BeforeAll
    static void startPartners() throws IOException {
        for (String secret : SECRETS) {
            PARTNERS.add(new EchoingPartner(secret, VALID, EXPIRED));
        }
        Files.writeString(dir.resolve("valid"), VALID);
        Files.writeString(dir.resolve("expired"), EXPIRED);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.forEach(EchoingPartner::close);
    }

    /** One echo per cell: every form in the body, then each other place. */
    static List<Echo> singleEchoes() {
        List<Echo> echoes = new ArrayList<>();
        for (Form form : Form.values()) {
            echoes.add(new Echo(form, Place.BODY));
        }
        echoes.add(new Echo(Form.PLAIN, Place.HEADER));
        echoes.add(new Echo(Form.PLAIN, Place.LOCATION));
        echoes.add(new Echo(Form.URL_LOWER, Place.LOCATION));
        echoes.add(new Echo(Form.JSON, Place.END_OF_MIB));
        echoes.add(new Echo(Form.JSON_SLASH, Place.ACROSS_SHORTENING));
        echoes.add(new Echo(Form.JSON, Place.ACROSS_READ_LIMIT));
        echoes.add(new Echo(Form.BASE64, Place.HEADER));
        echoes.add(new Echo(Form.BASE64_INSIDE, Place.LOCATION));
        echoes.add(new Echo(Form.HEX_UPPER, Place.ACROSS_SHORTENING));
        echoes.add(new Echo(Form.BASE64_URL, Place.ACROSS_READ_LIMIT));
        return echoes;
    }

    @TestFactory
    Stream<DynamicTest> eachFormAndPlaceIsRedactedEverywhereAndFailsTheEchoCheck() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Echo> echoes = singleEchoes();
        for (int i = 0; i < echoes.size(); i++) {
            Echo echo = echoes.get(i);
            int shape = i % SECRETS.size();
            for (String command : List.of("check", "verify-pact")) {
                tests.add(DynamicTest.dynamicTest(command + " " + echo + " secret#" + shape,
                        () -> cell(command, shape, List.of(echo), true)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyShapeWithSeveralEchoesAtOnceInAFullCheckRun() {
        List<Echo> several = List.of(new Echo(Form.HTML_NAMED, Place.BODY), new Echo(Form.PLAIN, Place.HEADER),
                new Echo(Form.URL_LOWER, Place.LOCATION));
        List<DynamicTest> tests = new ArrayList<>();
        for (int shape = 0; shape < SECRETS.size(); shape++) {
            int s = shape;
            tests.add(DynamicTest.dynamicTest("check (all checks) secret#" + s, () -> cell("check-all", s, several, true)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aPartnerThatEchoesNothingPassesTheEchoCheck() {
        return Stream.of("check", "verify-pact").map(command -> DynamicTest.dynamicTest(command + " no echo",
                () -> cell(command, SECRETS.size() - 1, List.of(), false)));
    }

    private static void cell(String command, int shape, List<Echo> echoes, boolean echoed) throws IOException {
        String secret = SECRETS.get(shape);
        EchoingPartner partner = PARTNERS.get(shape).echoing(echoes);
        Path cellDir = Files.createTempDirectory(dir, "cell");
        Path secretFile = Files.writeString(cellDir.resolve("secret"), secret + "\n");
        Path reports = cellDir.resolve("reports");
        List<String> args = new ArrayList<>();
        if (command.startsWith("check")) {
            args.addAll(List.of("check", "--base-url", partner.baseUrl(), "--secret-file", secretFile.toString(),
                    "--token", VALID, "--expired-token", EXPIRED, "--timeout", "5s", "--load-duration", "200ms",
                    "--concurrency", "2", "--report-dir", reports.toString()));
            if (command.equals("check")) {
                CHECKS.forEach(id -> args.addAll(List.of("--only", id)));
            }
        } else {
            args.addAll(List.of("verify-pact", "--base-url", partner.baseUrl(), "--secret-file", secretFile.toString(),
                    "--token-command", "cat '" + dir.resolve("valid") + "'",
                    "--expired-token-command", "cat '" + dir.resolve("expired") + "'",
                    "--timeout", "5s", "--report-dir", reports.toString()));
        }
        Cli cli = Cli.run(args.toArray(String[]::new));
        String cell = command + " " + echoes + " secret#" + shape;
        assertEquals(echoed ? 1 : 0, cli.exit(), cell + "\n" + shorten(cli.both()));
        List<String> outputs = new ArrayList<>(List.of(cli.out(), cli.err()));
        for (String report : List.of("report.json", "junit.xml", "report.html")) {
            assertTrue(Files.exists(reports.resolve(report)), cell + ": " + report + " written");
            outputs.add(Files.readString(reports.resolve(report)));
        }
        assertNoLeak(cell, String.join("\n", outputs), List.of(secret, VALID, EXPIRED));
        JsonNode echoCheck = null;
        for (JsonNode check : JSON.readTree(reports.resolve("report.json").toFile()).get("checks")) {
            if (check.get("id").asText().equals("sso.errors.no-secret-echo")) {
                echoCheck = check;
            }
        }
        if (echoCheck == null) {
            fail(cell + ": no sso.errors.no-secret-echo in the report");
        }
        assertEquals(echoed ? "FAIL" : "PASS", echoCheck.get("status").asText(), cell + ": " + echoCheck);
        if (command.equals("check") && echoes.stream().anyMatch(e -> e.place() == Place.BODY)) {
            // The GET probe sends the valid token URL-encoded in the query; its recorded URL is evidence here.
            assertTrue(outputs.get(2).contains("/sso?token=[REDACTED:token]"), cell + ": the GET probe's URL, redacted");
        }
    }

    /** No form of any value, and no 12-character piece of one, in the text. */
    static void assertNoLeak(String cell, String text, List<String> values) {
        Set<String> pieces = new HashSet<>();
        List<String> whole = new ArrayList<>();
        for (String value : values) {
            for (String form : EchoingPartner.forbidden(value)) {
                if (form.length() == 12) {
                    pieces.add(form);
                } else if (form.length() < 12) {
                    whole.add(form);
                }
            }
        }
        for (String form : whole) {
            if (text.contains(form)) {
                fail(cell + ": leaked " + form + " near: " + around(text, text.indexOf(form)));
            }
        }
        for (int i = 0; i + 12 <= text.length(); i++) {
            String window = text.substring(i, i + 12);
            if (pieces.contains(window)) {
                fail(cell + ": leaked the piece " + window + " near: " + around(text, i));
            }
        }
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 80));
    }

    private static String shorten(String text) {
        return text.length() > 6000 ? text.substring(0, 6000) + "..." : text;
    }
}
