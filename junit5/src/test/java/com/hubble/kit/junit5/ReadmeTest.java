package com.hubble.kit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's requirements stay true: the JUnit BOM it tells partners to import is the one this module is built with. */
class ReadmeTest {
    private static final String README = read();

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String versionAfter(String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(README);
        assertTrue(m.find(), "the README's pom snippet declares " + artifactId + " with a version");
        return m.group(1);
    }

    @Test
    void theJunitBomToImportIsTheVersionTheKitIsBuiltWith() {
        String built = Test.class.getPackage().getImplementationVersion();
        assertEquals(built, versionAfter("junit-bom"));
        assertTrue(README.contains("org.junit:junit-bom:" + built), "the requirement line names " + built);
    }

    @Test
    void theSurefireToDeclareIsAThreeDotX() {
        assertTrue(versionAfter("maven-surefire-plugin").startsWith("3."), README);
        assertTrue(README.contains("2.12.4"), "the README names the default surefire that runs no tests");
    }

    @Test
    void theReadmeNamesThePackage() {
        assertTrue(README.contains("`" + SsoCompliance.class.getPackageName() + "`"));
    }
}
