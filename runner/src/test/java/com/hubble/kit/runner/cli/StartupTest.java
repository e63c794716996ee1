package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code --help} is the start-up every command pays: it must not load the libraries only some commands need
 * (Groovy boots its whole runtime when picocli looks for it; Jackson, Helidon and Pact are for the commands that run).
 */
class StartupTest {

    @Test
    void helpLoadsNeitherGroovyNorJacksonNorHelidonNorPact() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                HubbleKit.class.getName(), "--help")
                .redirectErrorStream(true).start();
        String log = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), log.lines().filter(l -> !l.contains("class,load")).toList().toString());
        assertTrue(log.contains(" picocli.CommandLine "), "the class-load log is not there: " + log.lines().limit(5).toList());
        List<String> heavy = log.lines().filter(l -> l.contains("[class,load]"))
                .map(l -> l.replaceAll("^.*\\[class,load\\] (\\S+).*$", "$1"))
                .filter(name -> name.startsWith("groovy.") || name.startsWith("org.codehaus.groovy.")
                        || name.startsWith("com.fasterxml.jackson.databind.") || name.startsWith("io.helidon.")
                        || name.startsWith("au.com.dius.pact."))
                .toList();
        assertEquals(List.of(), heavy);
    }
}
