package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.cli.KitOutput;
import com.hubble.kit.runner.report.Redactor;

import org.junit.jupiter.api.Test;

/** The client's output as the kit relays it: line by line, bounded, redacted. */
class ClientProcessTest {

    private static String relay(String command, Redactor redactor) throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter output = KitOutput.wrap(new PrintWriter(text, true), redactor);
        ClientProcess.run(command, Map.of(), Duration.ofSeconds(30), output);
        output.flush();
        return text.toString();
    }

    @Test
    void aLineWithoutAnEndIsCutAtTheLimitAndTheLinesAfterItStillPass() throws Exception {
        // 3 MiB on one line (a progress bar or blob without line ends): kept whole, it grows the kit's memory unbounded.
        String text = relay("head -c 3000000 /dev/zero | tr '\\0' a; echo; echo after", new Redactor());
        assertTrue(text.contains("[line cut: " + (3_000_000 - ClientProcess.MAX_LINE) + " more characters not shown]"),
                text.substring(0, 200));
        assertTrue(text.contains("client| after"), "the next line passes");
        assertTrue(text.length() < ClientProcess.MAX_LINE + 1000, "length " + text.length());
    }

    @Test
    void aTokenCutAtTheLineLimitShowsNoBeginning() throws Exception {
        String token = "sbx.Kq3ZtW9xPn2LmR7vYb5HcD8fGj4sAe6uNo1iTy0wXlQ";
        Redactor redactor = new Redactor().add(Secret.of(token), "token");
        String text = relay("printf '%*s' " + (ClientProcess.MAX_LINE - 10) + " ''; echo '" + token + token + "'", redactor);
        assertTrue(text.contains("[line cut: "), "the line is cut");
        assertFalse(text.contains(token.substring(0, 10)), "the token's first 10 characters, left at the cut");
    }

    @Test
    void carriageReturnsEndLinesAsBefore() throws Exception {
        String text = relay("printf 'one\\r\\ntwo\\rthree\\n\\nfour'", new Redactor());
        assertTrue(text.contains("client| one\nclient| two\nclient| three\nclient| \nclient| four\n"), text);
    }
    @Test
    void aTokenInBase64OrHexWrappedOverLinesIsRedactedWhole() throws Exception {
        String token = "sbx.Kq3ZtW9xPn2LmR7vYb5HcD8fGj4sAe6uNo1iTy0wXlQ";
        Redactor redactor = new Redactor().add(Secret.of(token), "token");
        // base64's default 76 columns (a debug dump of a session blob), 20 columns, and a hex dump of 32 per line
        String text = relay("printf '{\"user\":\"u1\",\"token\":\"" + token + "\"}' | base64; "
                + "printf 'xy" + token + "' | base64 -w 20; printf '" + token + "' | od -An -tx1 -v | tr -d ' '; echo done",
                redactor);
        assertTrue(text.contains("client| done"), text);
        String joined = text.replace("client| ", "").replace("\n", "");
        LeakScan.assertNoForm(joined, java.util.List.of(token));
    }
    @Test
    void aKilledProcessNamedAfterAPieceOfATokenIsListedWithoutItsName() {
        String token = "sbx.lgZ6urrRNImqdAed0HeBx3S7UuxMwYJzloq1ycF2p-U";
        Redactor redactor = new Redactor().add(Secret.of(token), "token");
        byte[] bytes = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hex = java.util.HexFormat.of().formatHex(bytes);
        String base64 = java.util.Base64.getEncoder().encodeToString(("x" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // /proc/PID/comm keeps 15 characters of the executable's name
        String listed = ClientProcess.list(java.util.List.of(new ClientProcess.Stopped(11, token.substring(0, 15)),
                new ClientProcess.Stopped(12, hex.substring(0, 15)), new ClientProcess.Stopped(13, base64.substring(4, 19)),
                new ClientProcess.Stopped(14, "sleep"), new ClientProcess.Stopped(15, "python3.12")), redactor);
        assertTrue(listed.equals("[redacted name] (pid 11), [redacted name] (pid 12), [redacted name] (pid 13), "
                + "sleep (pid 14), python3.12 (pid 15)"), listed);
    }
}
