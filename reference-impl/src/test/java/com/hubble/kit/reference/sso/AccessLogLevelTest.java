package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

class AccessLogLevelTest {

    @Test
    void atLevelWarningARejectionWritesNoAccessLine() throws Exception {
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(AccessLog.LOGGER_NAME)) {
            var config = SsoFixtures.testConfig(Map.of("app.sso.log.access", "WARNING"));
            WebServer server = Main.start(config);
            try {
                Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
                SsoFixtures.postSso(client, SsoFixtures.CURRENT, "{\"token\":\"hk1.a.b\"}");
                SsoFixtures.postSso(client, SsoFixtures.CURRENT, "{\"token\":\"hk1.c.d\"}");
            } finally {
                server.stop();
            }
            Thread.sleep(200); // a line, if any were written, is written after the reply
            assertEquals(0, log.lines().stream().filter(l -> l.contains("path=/sso")).count(), log.lines().toString());
        }
    }

    @Test
    void atLevelInfoEveryRequestWritesOneLine() throws Exception {
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(AccessLog.LOGGER_NAME)) {
            var config = SsoFixtures.testConfig(Map.of("app.sso.log.access", "info"));
            WebServer server = Main.start(config);
            try {
                Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
                SsoFixtures.postSso(client, SsoFixtures.CURRENT, "{\"token\":\"hk1.a.b\"}");
                log.awaitLineContaining("outcome=malformed");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void anUnknownLevelIsRefusedNamingTheKeyAndTheChoices() {
        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.log.access", "verbose"))));

        assertTrue(e.getMessage().contains("APP_SSO_LOG_ACCESS") && e.getMessage().contains("INFO, WARNING or OFF"),
                e.getMessage());
    }
}
