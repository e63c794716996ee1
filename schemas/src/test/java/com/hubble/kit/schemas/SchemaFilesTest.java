package com.hubble.kit.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every schema file is a well-formed 2020-12 schema that follows the kit's documentation rules. */
class SchemaFilesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    // The 2020-12 meta-schema ships inside networknt's jar and is resolved from the classpath, not the network.
    private static final Schema META_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(DRAFT_2020_12));

    @TestFactory
    List<DynamicNode> everySchemaFileIsAValidAndFullyDocumented202012Schema() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : SchemaFiles.schemaFiles()) {
            String name = SchemaFiles.schemaName(file);
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), java.util.stream.Stream.<DynamicNode>of(
                    DynamicTest.dynamicTest(name + " is valid against the 2020-12 meta-schema", () -> {
                        List<Error> errors = META_SCHEMA.validate(JSON.readTree(file.toFile()));
                        assertEquals(List.of(), errors, file.getFileName() + " breaks the 2020-12 meta-schema");
                    }),
                    DynamicTest.dynamicTest(name + " declares $schema 2020-12, its $id, a title and a description", () -> {
                        JsonNode schema = JSON.readTree(file.toFile());
                        assertEquals(DRAFT_2020_12, schema.path("$schema").asText(), file.getFileName() + " $schema");
                        assertEquals(Schemas.ID_PREFIX + file.getFileName(), schema.path("$id").asText(),
                                file.getFileName() + " $id");
                        assertFalse(schema.path("title").asText().isBlank(), file.getFileName() + " has no title");
                        assertFalse(schema.path("description").asText().isBlank(),
                                file.getFileName() + " has no description");
                        assertTrue(schema.path("examples").isArray() && !schema.path("examples").isEmpty(),
                                file.getFileName() + " has no examples");
                    }),
                    DynamicTest.dynamicTest(name + " describes every property", () -> {
                        List<String> undocumented = new ArrayList<>();
                        collectUndocumentedProperties(JSON.readTree(file.toFile()), "", undocumented);
                        assertEquals(List.of(), undocumented, file.getFileName()
                                + " has properties without a description (JSON pointers into the schema)");
                    }),
                    DynamicTest.dynamicTest(name + " is on the classpath where Schemas finds it",
                            () -> assertTrue(Schemas.names().contains(name), "Schemas.names() = " + Schemas.names())))));
        }
        return nodes;
    }

    @Test
    void theMetaSchemaCheckRejectsABrokenSchema() throws Exception {
        List<Error> errors = META_SCHEMA.validate(JSON.readTree("{\"type\": \"strnig\", \"required\": \"token\"}"));
        assertFalse(errors.isEmpty());
    }

    @Test
    void theDescriptionCheckFindsAnUndocumentedNestedProperty() throws Exception {
        List<String> undocumented = new ArrayList<>();
        collectUndocumentedProperties(JSON.readTree("""
                {"properties": {"a": {"description": "ok", "type": "object",
                  "properties": {"b": {"type": "string"}}}}}"""), "", undocumented);
        assertEquals(List.of("/properties/a/properties/b"), undocumented);
    }

    /** Walks the whole schema tree; every member of a properties or patternProperties map needs a description. */
    static void collectUndocumentedProperties(JsonNode node, String pointer, List<String> undocumented) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndocumentedProperties(node.get(i), pointer + "/" + i, undocumented);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            if (key.equals("examples") || key.equals("const") || key.equals("enum") || key.equals("default")) {
                continue; // instance data, not schemas
            }
            if ((key.equals("properties") || key.equals("patternProperties")) && member.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> property : member.getValue().properties()) {
                    String propertyPointer = childPointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
                    if (!property.getValue().path("description").isTextual()
                            || property.getValue().path("description").asText().isBlank()) {
                        undocumented.add(propertyPointer);
                    }
                    collectUndocumentedProperties(property.getValue(), propertyPointer, undocumented);
                }
            } else {
                collectUndocumentedProperties(member.getValue(), childPointer, undocumented);
            }
        }
    }
}
