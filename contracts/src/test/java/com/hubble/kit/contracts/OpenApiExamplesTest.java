package com.hubble.kit.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hubble.kit.schemas.Schemas;
import com.hubble.kit.schemas.Violation;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every named example in the OpenAPI documents is judged by the kit's own JSON Schema (networknt, the schemas on
 * the classpath, no remote reference): it validates, unless it says it breaks its schema on purpose
 * ({@code x-hubble-kit-breaks-schema}), and then it must break it and be one of the schema's invalid examples.
 */
class OpenApiExamplesTest {

    private static final String BREAKS_SCHEMA = "x-hubble-kit-breaks-schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry INLINE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** One example and what judges it: a kit schema by name, or a parameter's inline schema. */
    record Example(String where, String name, JsonNode value, String schemaName, JsonNode inlineSchema,
                   String breaksSchema) {
        List<String> violations() {
            if (schemaName != null) {
                return Schemas.validate(schemaName, value).stream().map(Violation::toString).toList();
            }
            Schema schema = INLINE.getSchema(inlineSchema);
            return schema.validate(value).stream().map(error -> String.valueOf(error.getMessage())).toList();
        }
    }

    @ParameterizedTest(name = "{0}: every example satisfies its schema, except the ones marked as breaking it")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyExampleIsJudgedByItsSchemaAsItSays(String document) {
        List<Example> examples = examples(document);
        assertFalse(examples.isEmpty(), document + " has no examples");
        List<String> wrong = new ArrayList<>();
        for (Example example : examples) {
            List<String> violations = example.violations();
            if (example.breaksSchema() == null && !violations.isEmpty()) {
                wrong.add(example.where() + " should satisfy " + judge(example) + " but breaks it: " + violations);
            } else if (example.breaksSchema() != null && violations.isEmpty()) {
                wrong.add(example.where() + " claims to break " + judge(example) + " (" + example.breaksSchema()
                        + ") but satisfies it");
            }
        }
        assertEquals(List.of(), wrong, document);
    }

    @ParameterizedTest(name = "{0}: an example that breaks its schema is one of that schema's invalid examples")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyDeliberatelyBrokenExampleIsAnInvalidSchemaExample(String document) {
        List<Example> broken = examples(document).stream().filter(e -> e.breaksSchema() != null).toList();
        assertFalse(broken.isEmpty(), document + " has no deliberately malformed request");
        for (Example example : broken) {
            assertTrue(schemaExamples(example.schemaName(), "invalid").contains(example.value()),
                    example.where() + " is not among schemas/examples/" + example.schemaName() + "/invalid/*.json");
        }
    }

    @Test
    void theSsoDocumentPairsTheFourRequestsWithTheirAnswers() {
        List<Example> examples = examples("openapi/sso.yaml");
        assertEquals(Set.of("VALID", "INVALID", "EXPIRED", "EMPTY_TOKEN"), namesAt(examples, "requestBody"));
        assertEquals(Set.of("VALID"), namesAt(examples, "responses.200"));
        assertEquals(Set.of("EMPTY_TOKEN"), namesAt(examples, "responses.400"));
        assertEquals(Set.of("INVALID", "EXPIRED"), namesAt(examples, "responses.401"));
    }

    @Test
    void theSsoRejectionExampleWithAnErrorCodeIsTheSchemasOwnValidExample() {
        JsonNode expired = examples("openapi/sso.yaml").stream()
                .filter(e -> e.where().contains("responses.401") && e.name().equals("EXPIRED"))
                .findFirst().orElseThrow().value();
        assertTrue(schemaExamples("sso-rejection", "valid").contains(expired),
                "the EXPIRED rejection " + expired + " is not among schemas/examples/sso-rejection/valid/*.json");
    }

    @Test
    void thePartnerApiDocumentPairsLoginProductsAndErrors() {
        List<Example> examples = examples("openapi/partner-api.yaml");
        assertEquals(Set.of("LOGIN_OK", "LOGIN_WRONG_SECRET", "LOGIN_MISSING_SECRET"),
                namesAt(examples, "/v1/partners/auth/login.post.requestBody"));
        assertEquals(Set.of("LOGIN_OK"), namesAt(examples, "/v1/partners/auth/login.post.responses.200"));
        assertEquals(Set.of("LOGIN_WRONG_SECRET"), namesAt(examples, "/v1/partners/auth/login.post.responses.401"));
        assertEquals(Set.of("LOGIN_MISSING_SECRET"), namesAt(examples, "/v1/partners/auth/login.post.responses.400"));
        assertEquals(Set.of("PRODUCTS_PAGE"), namesAt(examples, "/v1/partners/products.get.responses.200"));
        assertEquals(Set.of("PRODUCT_NOT_FOUND"), namesAt(examples, "responses.404"));
        assertEquals(Set.of("ERROR_ENVELOPE"), namesAt(examples, "components.responses.Error"));
    }

    @ParameterizedTest(name = "{0}: every request example name has a response example of the same name")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyNamedRequestHasItsAnswer(String document) {
        // Specmatic pairs a request example with the response example of the same name; an unpaired one is not run.
        JsonNode root = read(document);
        List<String> unpaired = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            Set<String> requests = new TreeSet<>();
            operation.getValue().path("requestBody").path("content").path("application/json").path("examples")
                    .fieldNames().forEachRemaining(requests::add);
            operation.getValue().path("parameters").forEach(parameter -> parameter.path("examples")
                    .fieldNames().forEachRemaining(requests::add));
            Set<String> answers = new TreeSet<>();
            operation.getValue().path("responses").forEach(response -> response.path("content")
                    .path("application/json").path("examples").fieldNames().forEachRemaining(answers::add));
            for (String request : requests) {
                if (!answers.contains(request)) {
                    unpaired.add(path.getKey() + " " + operation.getKey() + " " + request);
                }
            }
        }));
        assertEquals(List.of(), unpaired, document + ": request examples without a response example of that name");
    }

    @ParameterizedTest(name = "{0}: every message schema says explicitly whether it takes extra properties")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyMessageSchemaSaysWhetherItIsOpen(String document) throws IOException {
        JsonNode schemas = read(document).path("components").path("schemas");
        for (Map.Entry<String, JsonNode> component : schemas.properties()) {
            JsonNode additional = component.getValue().path("additionalProperties");
            assertTrue(additional.isBoolean(), document + " " + component.getKey() + " says nothing about extra properties");
            // The document may not promise more than the kit's schema allows: open here means open there.
            Path file = Pacts.moduleDir().resolve("openapi").resolve(component.getValue().path("$ref").asText()).normalize();
            JsonNode fileSays = JSON.readTree(file.toFile()).path("additionalProperties");
            boolean fileIsOpen = fileSays.isMissingNode() || !fileSays.isBoolean() || fileSays.booleanValue();
            assertEquals(fileIsOpen, additional.booleanValue(), document + " " + component.getKey() + " vs " + file);
        }
    }

    @ParameterizedTest(name = "{0}: every nested object of the referenced schemas says whether it takes extra properties")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyNestedObjectOfTheReferencedSchemasSaysWhetherItIsOpen(String document) throws IOException {
        // A strict tool treats an object without additionalProperties as closed, at any depth.
        List<String> silent = new ArrayList<>();
        for (Map.Entry<String, JsonNode> component : read(document).path("components").path("schemas").properties()) {
            Path file = Pacts.moduleDir().resolve("openapi").resolve(component.getValue().path("$ref").asText()).normalize();
            JsonNode root = JSON.readTree(file.toFile());
            nestedObjects(root, "", silent, file.getFileName().toString());
        }
        assertEquals(List.of(), silent, document + ": nested objects without a word on extra properties");
    }

    private static void nestedObjects(JsonNode node, String at, List<String> silent, String file) {
        if (node.isObject()) {
            boolean isObjectSchema = node.has("properties")
                    || "object".equals(node.path("type").asText())
                    || (node.path("type").isArray() && node.path("type").toString().contains("\"object\""));
            if (!at.isEmpty() && !at.startsWith("/examples") && isObjectSchema && !node.has("additionalProperties")) {
                silent.add(file + "#" + at);
            }
            node.properties().forEach(child -> nestedObjects(child.getValue(), at + "/" + child.getKey(), silent, file));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nestedObjects(node.get(i), at + "/" + i, silent, file);
            }
        }
    }

    @Test
    void theTokenPlaceholdersAreTheQuotedScalarsTheFillerReplaces() throws IOException {
        String sso = Files.readString(Pacts.moduleDir().resolve("openapi/sso.yaml"));
        assertEquals(1, occurrences(sso, "token: 'HUBBLE_KIT_TOKEN'"), "VALID's token placeholder");
        assertEquals(1, occurrences(sso, "token: 'HUBBLE_KIT_EXPIRED_TOKEN'"), "EXPIRED's token placeholder");
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static Set<String> namesAt(List<Example> examples, String whereContains) {
        Set<String> names = new TreeSet<>();
        examples.stream().filter(e -> e.where().contains(whereContains)).forEach(e -> names.add(e.name()));
        return names;
    }

    private static String judge(Example example) {
        return example.schemaName() != null ? "schemas/" + example.schemaName() + ".schema.json"
                : "its inline schema " + example.inlineSchema();
    }

    /** Every example of the document: request bodies, responses (inline or components), parameters. */
    static List<Example> examples(String document) {
        JsonNode root = read(document);
        List<Example> found = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String at = "paths." + path.getKey() + "." + operation.getKey();
            JsonNode op = operation.getValue();
            collect(root, at + ".requestBody", op.path("requestBody"), found);
            op.path("responses").properties().forEach(response ->
                    collect(root, at + ".responses." + response.getKey(), response.getValue(), found));
            for (JsonNode parameter : op.path("parameters")) {
                JsonNode resolved = resolveLocal(root, parameter);
                String where = at + ".parameters." + resolved.path("name").asText();
                resolved.path("examples").properties().forEach(example -> found.add(new Example(
                        where + ".examples." + example.getKey(), example.getKey(), example.getValue().path("value"),
                        null, resolved.path("schema"), null)));
            }
        }));
        root.path("components").path("responses").properties().forEach(response ->
                collect(root, "components.responses." + response.getKey(), response.getValue(), found));
        return found;
    }

    private static void collect(JsonNode root, String where, JsonNode bodyOrResponse, List<Example> found) {
        if (bodyOrResponse.has("$ref")) {
            return; // a shared response: its examples are collected once, under components.responses
        }
        JsonNode media = bodyOrResponse.path("content").path("application/json");
        if (media.path("examples").isEmpty()) {
            return;
        }
        String schemaName = schemaName(root, media.path("schema"), where);
        media.path("examples").properties().forEach(example -> {
            JsonNode breaks = example.getValue().path(BREAKS_SCHEMA);
            found.add(new Example(where + ".examples." + example.getKey(), example.getKey(),
                    example.getValue().path("value"), schemaName, null, breaks.isTextual() ? breaks.asText() : null));
        });
    }

    /** {@code #/components/schemas/X} whose $ref is {@code ../../schemas/NAME.schema.json} gives NAME. */
    private static String schemaName(JsonNode root, JsonNode schema, String where) {
        String file = resolveLocal(root, schema).path("$ref").asText();
        String prefix = "../../schemas/";
        String suffix = ".schema.json";
        assertTrue(file.startsWith(prefix) && file.endsWith(suffix), where + ": no kit schema behind " + schema);
        return file.substring(prefix.length(), file.length() - suffix.length());
    }

    private static JsonNode resolveLocal(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
    }

    private static Set<JsonNode> schemaExamples(String schemaName, String validity) {
        Path folder = Pacts.moduleDir().resolve("../schemas/examples").resolve(schemaName).resolve(validity).normalize();
        try (Stream<Path> files = Files.list(folder)) {
            Set<JsonNode> nodes = new java.util.HashSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                nodes.add(JSON.readTree(file.toFile()));
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String document) {
        try {
            // YAML scalars read as JSON values: an unquoted 3600 is a number, null is null, as a tool reads them.
            ObjectNode root = (ObjectNode) new YAMLMapper().readTree(Pacts.moduleDir().resolve(document).toFile());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
