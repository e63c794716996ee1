package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Redactor;

class LogsToStderrTest {
    @Test
    void aLogRecordQuotingATokenReachesStderrRedactedAndTheConsoleHandlerComesBack() {
        String token = "sbx.Q2xpZW50VG9rZW4tOTg3NjU0MzIx";
        Redactor redactor = new Redactor().add(Secret.of(token), "token");
        StringWriter target = new StringWriter();
        KitOutput err = KitOutput.wrap(target, redactor);
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        try (LogsToStderr logs = new LogsToStderr(err)) {
            Logger.getLogger("io.helidon.test").warning("bad request, header X-Debug: "
                    + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + " \u001b]0;title\u0007");
            Logger.getLogger("io.helidon.test").log(java.util.logging.Level.SEVERE, "failed",
                    new IllegalStateException("token " + token));
        }
        String written = target.toString();
        assertTrue(written.contains("hubble-kit: log: WARNING io.helidon.test: bad request, header X-Debug: [REDACTED:token]"),
                written);
        assertTrue(written.contains("(java.lang.IllegalStateException: token [REDACTED:token])"), written);
        assertFalse(written.contains("sbx.") || written.contains("\u001b"), written);
        assertArrayEquals(before, root.getHandlers(), "the console handler is back");
    }
}
