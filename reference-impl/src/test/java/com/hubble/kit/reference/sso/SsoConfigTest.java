package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.hubble.kit.reference.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoConfigTest {

    private static Path testFile(Path dir) throws Exception {
        Path file = dir.resolve("sso.yaml");
        Files.write(file, SsoConfigTest.class.getClassLoader().getResourceAsStream("sso-test.yaml").readAllBytes());
        return file;
    }

    @Test
    void readsTheDefaultsWhereTheFileIsSilent() {
        SsoConfig config = SsoConfig.from(SsoFixtures.testConfig());

        assertEquals(120, config.tokenLifetime().toSeconds());
        assertEquals("hubble", config.audience());
        assertEquals(16 * 1024, config.bodyLimit());
        assertEquals(2, config.secrets().size());
    }

    @Test
    void anEnvironmentVariableOverridesAFileKey(@TempDir Path dir) throws Exception {
        SsoConfig config = SsoConfig.from(SsoConfigLoader.file(testFile(dir), Map.of("APP_SSO_BODY_LIMIT", "2048")));

        assertEquals(2048, config.bodyLimit());
    }

    @Test
    void aCommaSeparatedSecretsVariableReplacesTheFilesSecretList(@TempDir Path dir) throws Exception {
        SsoConfig config = SsoConfig.from(SsoConfigLoader.file(testFile(dir),
                Map.of("APP_SSO_SECRETS", "env-secret-one-0123456, env-secret-two-0123456")));

        assertEquals(2, config.secrets().size());
        assertTrue(new SharedSecrets(config.secrets()).matches("env-secret-two-0123456"));
        assertFalse(new SharedSecrets(config.secrets()).matches("current-secret-0123456789"));
    }

    @Test
    void theSigningKeyAndServerPortAreOverridableByEnvironment(@TempDir Path dir) throws Exception {
        String key = "ZW52LXNpZ25pbmcta2V5LWVudi1zaWduaW5nLWtleS0wMTIzNDU2Nzg5";
        var config = SsoConfigLoader.file(testFile(dir), Map.of("APP_SSO_SIGNING_KEY", key, "SERVER_PORT", "9999"));

        assertEquals(Secret.of(key), SsoConfig.from(config).signingKey());
        assertEquals(9999, config.get("server.port").asInt().get());
    }

    @Test
    void aKeyWithADashTakesDashSpelledOutInTheVariableName(@TempDir Path dir) throws Exception {
        var config = SsoConfigLoader.file(testFile(dir),
                Map.of("SERVER_TLS_PRIVATE_dash_KEY_KEYSTORE_PASSPHRASE", "from-env"));

        assertEquals("from-env", config.get("server.tls.private-key.keystore.passphrase").asString().get());
    }

    @Test
    void refusesAMissingConfigFileNamingIt() {
        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoConfigLoader.file(Path.of("/no/such/sso.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("/no/such/sso.yaml"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "app: [unclosed\n  sso: {");
        assertThrows(SsoConfigException.class, () -> SsoConfigLoader.file(file, Map.of()));
    }

    @Test
    void refusesToStartWithoutASharedSecret() {
        SsoConfig config = SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.secrets", "")));

        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoComponents.create(config, java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().contains("APP_SSO_SECRETS"), e.getMessage());
    }

    @Test
    void refusesAShortSharedSecretOutsideTheDemo() {
        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.secrets", "tiny-s3cr3t"))));
        assertFalse(e.getMessage().contains("tiny-s3cr3t"), "the message must not echo the secret: " + e.getMessage());
    }

    @Test
    void refusesASigningKeyShorterThan32Bytes() {
        assertThrows(SsoConfigException.class,
                () -> SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.signing.key", "c2hvcnQ="))));
    }

    @Test
    void refusesThePublicDemoSigningKeyOutsideTheDemo() {
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(
                Map.of("app.sso.signing.key", SsoConfigLoader.demoSigningKey().reveal()))));
        assertTrue(e.getMessage().contains("demo"), e.getMessage());
    }

    @Test
    void refusesDemoOnlyUsersOutsideTheDemo() {
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(
                Map.of("app.sso.users.0.demo-only", "true"))));
        assertTrue(e.getMessage().contains("demo-only"), e.getMessage());
    }

    @Test
    void theDemoConfigurationNamesHubbleSecretWhenItIsUnset() {
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> SsoConfigLoader.demo(Map.of(), true));
        assertTrue(e.getMessage().contains("HUBBLE_SECRET"), e.getMessage());
    }

    @Test
    void theDemoConfigurationTakesItsSecretFromHubbleSecret() {
        SsoConfig config = SsoConfig.from(SsoConfigLoader.demo(Map.of("HUBBLE_SECRET", "s3cret"), true));

        assertTrue(config.demo());
        assertTrue(new SharedSecrets(config.secrets()).matches("s3cret"));
    }

    @Test
    void mintingFromTheDemoConfigurationNeedsNoSecret() {
        SsoConfig config = SsoConfig.from(SsoConfigLoader.demo(Map.of(), false));

        assertTrue(config.secrets().isEmpty());
        assertEquals(32, config.signingKeyBytes().length);
    }

    @Test
    void theDemoConfigurationRefusesToBindANonLoopbackAddress() {
        var config = SsoConfigLoader.demo(Map.of("HUBBLE_SECRET", "s3cret", "SERVER_HOST", "0.0.0.0"), true);

        SsoConfigException e = assertThrows(SsoConfigException.class, () -> Main.start(config));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void refusesTlsProtocolsOlderThan12() {
        var config = SsoFixtures.testConfig(Map.of("server.tls.protocols.0", "TLSv1.1"));

        SsoConfigException e = assertThrows(SsoConfigException.class, () -> Main.start(config));
        assertTrue(e.getMessage().contains("TLSv1.1"), e.getMessage());
    }
}
