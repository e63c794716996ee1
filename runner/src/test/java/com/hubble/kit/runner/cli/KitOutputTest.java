package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Redactor;

class KitOutputTest {
    @Test
    void everyLineIsRedactedWholeEvenWhenPrintedInPieces() {
        StringWriter target = new StringWriter();
        Redactor redactor = new Redactor().add(Secret.of("piece-by-piece-secret"), "secret");
        PrintWriter out = KitOutput.wrap(target, redactor);
        out.print("echo: piece-by-");
        out.print("piece-secret and %70iece-by-piece-secret");
        out.println();
        assertEquals("echo: [REDACTED:secret] and [REDACTED:secret]\n", target.toString());
    }

    @Test
    void partnerControlCharactersAreEscapedAndTheKitsOwnCodesPassThrough() {
        StringWriter target = new StringWriter();
        PrintWriter err = KitOutput.wrap(target, new Redactor());
        KitOutput.control(err, "\r\033[K");
        err.println("FAIL got \033]0;pwned\007 \033[2K\u0000\u009b\u202e\r tail\ttab");
        assertEquals("\r\033[KFAIL got \\u001b]0;pwned\\u0007 \\u001b[2K\uFFFD\\u009b\\u202e\\u000d tail\ttab\n",
                target.toString());
    }

    @Test
    void anInternalErrorThrownByALibraryNeverShowsItsMessage() {
        IllegalArgumentException fromLibrary = new IllegalArgumentException("invalid header value: \"the-secret\"");
        fromLibrary.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("jdk.internal.net.http.HttpRequestBuilderImpl", "checkValue", null, 1)});
        String line = HubbleKit.internalError(fromLibrary, java.util.Map.of());
        assertEquals("hubble-kit: internal error: IllegalArgumentException (thrown in "
                + "jdk.internal.net.http.HttpRequestBuilderImpl.checkValue; its message is not shown: it may quote a secret)",
                line);
    }
}
