package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of {@code rediss://} with {@code app.sso.replay.redis.tls.ca-file}: trusts exactly those CAs. */
final class RedisTrust {
    private static final String KEY = "app.sso.replay.redis.tls.ca-file (env APP_SSO_REPLAY_REDIS_TLS_CA_FILE)";

    private RedisTrust() {
    }

    /** Reads the PEM certificates of {@code caFile}; throws {@link SsoConfigException} naming the key and the fix. */
    static SSLContext load(Path caFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new SsoConfigException(KEY + ": cannot read " + caFile + " (" + e.getClass().getSimpleName()
                    + "); give the path of a readable PEM file of CA certificates");
        } catch (GeneralSecurityException e) {
            throw new SsoConfigException(KEY + ": " + caFile + " is not a PEM file of X.509 certificates; give the CA "
                    + "certificate(s) that signed the Redis server's certificate, as -----BEGIN CERTIFICATE----- blocks");
        }
        if (certificates.isEmpty()) {
            throw new SsoConfigException(KEY + ": " + caFile + " holds no certificate; give the CA certificate(s) "
                    + "that signed the Redis server's certificate, as -----BEGIN CERTIFICATE----- blocks");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("redis-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from the CA certificates of " + caFile, e);
        }
    }
}
