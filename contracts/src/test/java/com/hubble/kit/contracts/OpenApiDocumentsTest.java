package com.hubble.kit.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both OpenAPI 3.1 documents parse with swagger-parser, and their schemas are the files in schemas/, resolved. */
class OpenApiDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} parses as OpenAPI 3.1 without a single message")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void parsesAsOpenApi31WithoutMessages(String document) {
        SwaggerParseResult result = parse(document, true);
        assertEquals(List.of(), result.getMessages(), document);
        assertNotNull(result.getOpenAPI(), document);
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
    }

    @ParameterizedTest(name = "{0} references the files in schemas/ instead of repeating them")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void componentSchemasAreReferencesToTheSchemaFiles(String document) {
        Map<String, Schema> schemas = parse(document, false).getOpenAPI().getComponents().getSchemas();
        assertFalse(schemas.isEmpty(), document);
        schemas.forEach((name, schema) -> {
            String ref = schema.get$ref();
            assertNotNull(ref, document + " components.schemas." + name + " repeats a schema instead of a $ref");
            assertTrue(ref.startsWith("../../schemas/") && ref.endsWith(".schema.json"), document + " " + name + ": " + ref);
            assertTrue(Files.isRegularFile(Pacts.moduleDir().resolve("openapi").resolve(ref).normalize()),
                    document + " " + name + " points at a missing file " + ref);
        });
    }

    @ParameterizedTest(name = "{0} resolves every referenced schema file to its content")
    @ValueSource(strings = {"openapi/sso.yaml", "openapi/partner-api.yaml"})
    void everyReferenceResolvesToTheSchemaFileContent(String document) throws Exception {
        Map<String, Schema> unresolved = parse(document, false).getOpenAPI().getComponents().getSchemas();
        Map<String, Schema> resolved = parse(document, true).getOpenAPI().getComponents().getSchemas();
        for (Map.Entry<String, Schema> entry : unresolved.entrySet()) {
            Path file = Pacts.moduleDir().resolve("openapi").resolve(entry.getValue().get$ref()).normalize();
            var schemaFile = JSON.readTree(file.toFile());
            Schema schema = resolved.get(entry.getKey());
            assertNotNull(schema, document + " lost " + entry.getKey());
            assertNull(schema.get$ref(), document + " " + entry.getKey() + " is still a reference: " + schema.get$ref());
            assertEquals(schemaFile.path("title").asText(), schema.getTitle(), document + " " + entry.getKey());
            Set<String> fileProperties = new java.util.HashSet<>();
            schemaFile.path("properties").fieldNames().forEachRemaining(fileProperties::add);
            Set<String> parsedProperties = schema.getProperties() == null ? Set.of() : schema.getProperties().keySet();
            assertEquals(fileProperties, parsedProperties, document + " " + entry.getKey());
        }
    }

    @Test
    void theProductsPageResolvesItsNestedReferenceToTheBrandSchema() {
        OpenAPI api = parse("openapi/partner-api.yaml", true).getOpenAPI();
        Schema data = (Schema) api.getComponents().getSchemas().get("ProductsPage").getProperties().get("data");
        Schema items = data.getItems();
        assertNull(items.get$ref(), "data.items still points at " + items.get$ref());
        assertTrue(items.getProperties().containsKey("id") && items.getProperties().containsKey("amountRestrictions"),
                "data.items is not the Brand schema: " + items.getProperties().keySet());
    }

    @Test
    void theDocumentsDescribeTheOperationsThePactsExercise() {
        OpenAPI sso = parse("openapi/sso.yaml", true).getOpenAPI();
        assertNotNull(sso.getPaths().get("/sso").getPost());
        assertEquals(Set.of("200", "400", "401"), sso.getPaths().get("/sso").getPost().getResponses().keySet());
        assertEquals("X-Hubble-Secret", sso.getComponents().getSecuritySchemes().get("hubbleSecret").getName());
        OpenAPI api = parse("openapi/partner-api.yaml", true).getOpenAPI();
        assertNotNull(api.getPaths().get("/v1/partners/auth/login").getPost());
        assertNotNull(api.getPaths().get("/v1/partners/products").getGet());
        assertNotNull(api.getPaths().get("/v1/partners/products/{productId}").getGet());
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme());
        assertEquals("X-REQUEST-ID", api.getComponents().getParameters().get("RequestId").getName());
    }

    private static final Map<String, SwaggerParseResult> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Parses each document once per mode; a fresh parser each time (the results are only read). */
    private static SwaggerParseResult parse(String document, boolean resolve) {
        return PARSED.computeIfAbsent(document + (resolve ? " resolved" : " as written"), key -> parseFresh(document, resolve));
    }

    private static SwaggerParseResult parseFresh(String document, boolean resolve) {
        ParseOptions options = new ParseOptions();
        options.setResolve(resolve);
        Path file = Pacts.moduleDir().resolve(document);
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
    }
}
