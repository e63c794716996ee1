package com.hubble.kit.runner.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a partner types them: {@code 500ms}, {@code 5s}, {@code 2m}; at most {@link #MAX} unless a flag says less. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})(ms|s|m)");
    /** The longest duration any option takes: past it a value is a typo, and the arithmetic on it could overflow. */
    public static final Duration MAX = Duration.ofHours(24);

    private Durations() {
    }

    /** Parses "500ms", "5s" or "2m" up to {@link #MAX}; throws IllegalArgumentException with the accepted forms otherwise. */
    public static Duration parse(String text) {
        return parse(text, MAX);
    }

    /** Parses "500ms", "5s" or "2m" up to {@code max}; a longer value is an IllegalArgumentException naming the limit. */
    public static Duration parse(String text, Duration max) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 5s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        // compared in the value's own unit, before any conversion can overflow
        long limit = switch (m.group(2)) {
            case "ms" -> max.toMillis();
            case "s" -> max.toSeconds();
            default -> max.toMinutes();
        };
        if (n > limit) {
            throw new IllegalArgumentException("'" + text + "' is longer than the limit of " + format(max) + " ("
                    + max.toHours() + " h)");
        }
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero; give a positive duration like 500ms, 5s or 2m");
        }
        return d;
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
