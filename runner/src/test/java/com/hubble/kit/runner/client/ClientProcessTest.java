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
}
