package com.hubble.kit.runner.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The build writes a CycloneDX SBOM of the runner (target/hubble-kit-sbom.json, before the tests run), and it
 * lists the netty and protobuf versions pinned over the vulnerable ones Pact's plugin driver brings.
 */
class SbomTest {
    private static final Path SBOM = Path.of("target", "hubble-kit-sbom.json");
    private static final List<JsonNode> COMPONENTS = new ArrayList<>();

    @BeforeAll
    static void readTheSbom() throws IOException {
        assertTrue(Files.isRegularFile(SBOM), SBOM.toAbsolutePath() + " is written by the build's cyclonedx-maven-plugin, "
                + "which skips in offline mode: build once without -o");
        JsonNode bom = new ObjectMapper().readTree(SBOM.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        bom.path("components").forEach(COMPONENTS::add);
    }

    private static List<JsonNode> components(String group, String namePrefix) {
        return COMPONENTS.stream()
                .filter(c -> c.path("group").asText().equals(group) && c.path("name").asText().startsWith(namePrefix))
                .toList();
    }

    @Test
    void everyNettyModuleIsThePinnedFixedVersion() {
        List<JsonNode> netty = components("io.netty", "netty-");
        assertFalse(netty.isEmpty(), "Pact's plugin driver brings netty, so the SBOM lists it");
        for (JsonNode module : netty) {
            assertEquals("4.1.137.Final", module.path("version").asText(), module.path("purl").asText());
        }
    }

    @Test
    void protobufIsThePinnedFixedVersion() {
        List<JsonNode> protobuf = components("com.google.protobuf", "protobuf-java");
        assertEquals(1, protobuf.size(), protobuf.toString());
        assertEquals("4.36.2", protobuf.getFirst().path("version").asText());
    }

    @Test
    void theSbomDescribesTheRunnerAndNotItsTestTools() {
        JsonNode bomOf = COMPONENTS.isEmpty() ? null : COMPONENTS.getFirst();
        assertFalse(components("au.com.dius.pact", "provider").isEmpty(), "the Pact verifier ships with the runner");
        assertTrue(components("com.code-intelligence", "jazzer").isEmpty(), "Jazzer is a test tool: " + bomOf);
        assertTrue(components("org.junit.jupiter", "junit-jupiter").isEmpty(), "JUnit is a test tool");
    }
}
