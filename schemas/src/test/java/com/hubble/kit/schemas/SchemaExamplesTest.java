package com.hubble.kit.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * For every {@code *.schema.json} (found by listing, so new schemas are covered): its valid examples validate,
 * its invalid examples (at least three, each a different partner mistake) do not, and each test names its file.
 */
class SchemaExamplesTest {

    private static final int MIN_INVALID = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicNode> everySchemaAcceptsItsValidExamplesAndRejectsItsInvalidOnes() {
        List<DynamicNode> schemas = new ArrayList<>();
        for (Path schemaFile : SchemaFiles.schemaFiles()) {
            String name = SchemaFiles.schemaName(schemaFile);
            List<Path> valid = SchemaFiles.examples(name, "valid");
            List<Path> invalid = SchemaFiles.examples(name, "invalid");
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(name + " has at least one example in examples/" + name + "/valid/",
                    () -> assertFalse(valid.isEmpty(), "no examples/" + name + "/valid/*.json for " + schemaFile)));
            tests.add(DynamicTest.dynamicTest(name + " has at least " + MIN_INVALID + " examples in examples/"
                            + name + "/invalid/",
                    () -> assertTrue(invalid.size() >= MIN_INVALID, "examples/" + name + "/invalid/ holds "
                            + invalid.size() + " *.json files, at least " + MIN_INVALID + " needed")));
            for (Path file : valid) {
                tests.add(DynamicTest.dynamicTest(SchemaFiles.relative(file) + " validates", file.toUri(), () -> {
                    List<Violation> violations = Schemas.validate(name, SchemaFiles.read(file));
                    assertEquals(List.of(), violations, SchemaFiles.relative(file) + " should validate against "
                            + name + " but has violations");
                }));
            }
            for (Path file : invalid) {
                tests.add(DynamicTest.dynamicTest(SchemaFiles.relative(file) + " is rejected", file.toUri(), () -> {
                    List<Violation> violations = Schemas.validate(name, SchemaFiles.read(file));
                    assertFalse(violations.isEmpty(), SchemaFiles.relative(file) + " should be rejected by "
                            + name + " but validates");
                    // An invalid example must show a schema mistake, not a typo that makes it unparsable.
                    assertTrue(violations.stream().noneMatch(v -> v.keyword().equals("json")),
                            SchemaFiles.relative(file) + " is not well-formed JSON: " + violations);
                }));
            }
            tests.add(DynamicTest.dynamicTest(name + " validates the examples embedded in the schema itself", () -> {
                JsonNode examples = JSON.readTree(schemaFile.toFile()).path("examples");
                assertTrue(examples.isArray() && !examples.isEmpty(), schemaFile + " has no \"examples\" array");
                for (int i = 0; i < examples.size(); i++) {
                    List<Violation> violations = Schemas.validate(name, examples.get(i));
                    if (!violations.isEmpty()) {
                        fail(schemaFile.getFileName() + " examples[" + i + "] does not validate: " + violations);
                    }
                }
            }));
            schemas.add(DynamicContainer.dynamicContainer(name, schemaFile.toUri(), tests.stream()));
        }
        return schemas;
    }
}
