package com.hubble.kit.runner;

import com.hubble.kit.runner.access.TlsSupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The JDK reads {@code jdk.tls.disabledAlgorithms} once, at the first SSLContext. The CLI allows legacy TLS
 * probing in HubbleKit's static initializer, before any TLS; in a test JVM another test may build an HttpClient
 * first, so the test session does the same thing up front and the TLS tests don't depend on test order.
 */
public final class LegacyTlsSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TlsSupport.allowLegacyProbing();
    }
}
