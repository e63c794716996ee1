package com.hubble.kit.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every regular expression the runner keeps (a static {@link Pattern}, alone or in a collection, in any class)
 * finds its way through adversarial megabytes in linear time: a partner controls up to 1 MiB of each body. The
 * patterns are found by reflection, so a new one is covered without anyone remembering to add it. The ceiling is
 * generous (a quadratic pattern takes hours on these inputs), not a performance target.
 */
class PartnerPatternsTest {
    private static final int MIB = 1 << 20;
    private static final Duration CEILING = Duration.ofSeconds(30);

    static Map<String, Pattern> runnerPatterns() throws Exception {
        Path classes = Path.of(com.hubble.kit.runner.sso.ErrorsNoStackTrace.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PartnerPatternsTest.class.getClassLoader());
                for (Field field : type.getDeclaredFields()) {
                    boolean holder = field.getType() == Pattern.class || java.util.Collection.class.isAssignableFrom(field.getType());
                    if (!Modifier.isStatic(field.getModifiers()) || !holder || field.isSynthetic()) {
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = field.get(null);
                    List<Object> values = value instanceof java.util.Collection<?> c ? new ArrayList<>(c) : List.of(value);
                    for (int i = 0; i < values.size(); i++) {
                        if (values.get(i) instanceof Pattern p) {
                            patterns.put(type.getSimpleName() + "." + field.getName() + (values.size() > 1 ? "[" + i + "]" : ""), p);
                        }
                    }
                }
            }
        }
        return patterns;
    }

    /** Shapes that make backtracking patterns re-scan: runs of one class, and each literal piece of the pattern repeated. */
    static List<String> adversarialBodies(Pattern pattern) {
        Set<String> seeds = new LinkedHashSet<>(List.of("\n", " ", "a", "A", "0", "a.", "a@"));
        for (String piece : pattern.pattern().split("[\\\\\\[\\](){}?*+|^$.]+|\\\\[a-zA-Z]")) {
            if (piece.length() >= 2) {
                seeds.add(piece);
            }
        }
        List<String> bodies = new ArrayList<>();
        for (String seed : seeds) {
            bodies.add(seed.repeat(MIB / seed.length()));
        }
        return bodies;
    }

    @Test
    void theRunnerHasPatternsToCheck() throws Exception {
        Map<String, Pattern> patterns = runnerPatterns();
        assertFalse(patterns.isEmpty());
        assertFalse(patterns.keySet().stream().noneMatch(k -> k.startsWith("ErrorsNoStackTrace.LEAKS")), patterns.keySet().toString());
    }

    @Test
    void everyRunnerPatternFindsThroughAdversarialMegabytesInLinearTime() throws Exception {
        for (Map.Entry<String, Pattern> entry : runnerPatterns().entrySet()) {
            List<String> bodies = adversarialBodies(entry.getValue());
            assertTimeoutPreemptively(CEILING, () -> {
                for (String body : bodies) {
                    java.util.regex.Matcher matcher = entry.getValue().matcher(body);
                    int found = 0;
                    while (matcher.find() && found++ < 1000) {
                        // a pattern that matches often is scanned on, as replaceAll would
                    }
                }
            }, entry.getKey() + " /" + entry.getValue().pattern() + "/");
        }
    }
}
