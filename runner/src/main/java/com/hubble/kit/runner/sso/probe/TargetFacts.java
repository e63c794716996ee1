package com.hubble.kit.runner.sso.probe;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/** The target's scheme and whether its host is loopback (plain HTTP is fine there). */
public record TargetFacts(String scheme, String host, boolean loopback) {

    public static TargetFacts of(URI base) {
        String host = base.getHost() == null ? "" : base.getHost();
        return new TargetFacts(base.getScheme().toLowerCase(Locale.ROOT), host, isLoopback(host));
    }

    /** "localhost" or a loopback IP literal; host names are not resolved (a DNS answer can change). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            // Only IP literals reach here, which getByName parses without a DNS lookup.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
