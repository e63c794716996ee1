package com.hubble.kit.runner.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * The kit's Helidon logging set-up, found through META-INF/services. Without any provider, Helidon prints "There is no
 * Helidon logging implementation on classpath..." on stderr as the first embedded server starts; the kit's stderr
 * carries its own progress only. Helidon's own records stay on JUL, from WARNING up, unless the user configured JUL
 * ({@code -Djava.util.logging.config.file=...} in HUBBLE_KIT_JAVA_OPTS).
 */
public final class KitLogging implements LoggingProvider {
    /** Held: JUL keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger HELIDON = Logger.getLogger("io.helidon");
    private static final Logger FEATURES = Logger.getLogger("io.helidon.common.features");

    /**
     * Keeps Helidon's "features" banner off stderr. It is logged from a thread of its own as a server starts, so on a
     * port that cannot be bound it would race the one-line error ahead of it.
     */
    static void quietFeatureBanner() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            FEATURES.setLevel(Level.WARNING);
        }
    }

    @Override
    public void initialization() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            HELIDON.setLevel(Level.WARNING);
        }
    }

    @Override
    public void runTime() {
        // nothing to do at run time
    }
}
