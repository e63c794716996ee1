package com.hubble.kit.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates Hubble messages against the kit's JSON Schemas (draft 2020-12), loaded from the classpath folder
 * {@code schemas/}. Format assertions are on; no schema is ever fetched over the network. Violations are data,
 * returned, never thrown; only a schema name that does not exist is a programmer error.
 */
public final class Schemas {

    /** The {@code $id} prefix every kit schema uses; mapped onto the classpath folder {@code schemas/}. */
    public static final String ID_PREFIX = "https://hubble-kit.dev/schemas/";

    private static final String CLASSPATH_FOLDER = "schemas/";
    private static final String SUFFIX = ".schema.json";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    // Trailing garbage after the document makes the payload malformed; Jackson tolerates it by default.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:" + CLASSPATH_FOLDER))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_POINTER)
                            // Lets a schema word a violation whose default message is unreadable (e.g. a "not").
                            .errorMessageKeyword("errorMessage")
                            .build()));

    private static final ConcurrentMap<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static volatile SortedSet<String> names;

    private Schemas() {
    }

    /**
     * Validates a JSON text. A text that is not one well-formed JSON document yields a single violation with
     * keyword {@code json}.
     *
     * @param schemaName the schema's file name without {@code .schema.json}, e.g. {@code sso-response}
     * @throws IllegalArgumentException if no such schema exists (the message names the known ones)
     */
    public static List<Violation> validate(String schemaName, String json) {
        Schema schema = schema(schemaName);
        if (json == null || json.isBlank()) {
            return List.of(new Violation("", "json", "not JSON: the payload is empty"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(new Violation("", "json", "not JSON: " + e.getOriginalMessage()));
        }
        return violations(schema, node);
    }

    /**
     * Validates an already parsed JSON document ({@code null} is treated as JSON {@code null}).
     *
     * @throws IllegalArgumentException if no such schema exists (the message names the known ones)
     */
    public static List<Violation> validate(String schemaName, JsonNode node) {
        Schema schema = schema(schemaName);
        return violations(schema, node == null ? JSON.nullNode() : node);
    }

    /** The names of every schema on the classpath, sorted, e.g. {@code [brand, hubble-error, ...]}. */
    public static SortedSet<String> names() {
        SortedSet<String> known = names;
        if (known == null) {
            known = Collections.unmodifiableSortedSet(listClasspathSchemas());
            names = known;
        }
        return known;
    }

    /** The {@code $id} of the named schema, e.g. {@code https://hubble-kit.dev/schemas/sso-response.schema.json}. */
    public static String id(String schemaName) {
        requireKnown(schemaName);
        return ID_PREFIX + schemaName + SUFFIX;
    }

    private static List<Violation> violations(Schema schema, JsonNode node) {
        List<Error> errors = schema.validate(node);
        List<Violation> result = new ArrayList<>(errors.size());
        for (Error error : errors) {
            String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            result.add(new Violation(location, keyword, String.valueOf(error.getMessage())));
        }
        return List.copyOf(result);
    }

    private static Schema schema(String schemaName) {
        requireKnown(schemaName);
        return COMPILED.computeIfAbsent(schemaName, name -> {
            Schema compiled = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + name + SUFFIX));
            // Resolve every $ref now: a broken shipped schema fails at first use, and later validations share
            // a fully built, read-only validator tree.
            compiled.initializeValidators();
            return compiled;
        });
    }

    private static void requireKnown(String schemaName) {
        Objects.requireNonNull(schemaName, "schemaName");
        if (!NAME.matcher(schemaName).matches() || !names().contains(schemaName)) {
            throw new IllegalArgumentException("unknown schema '" + schemaName + "'; known schemas: "
                    + String.join(", ", names()));
        }
    }

    private static SortedSet<String> listClasspathSchemas() {
        SortedSet<String> found = new TreeSet<>();
        ClassLoader loader = Schemas.class.getClassLoader();
        try {
            Enumeration<URL> folders = loader.getResources(CLASSPATH_FOLDER);
            while (folders.hasMoreElements()) {
                URL folder = folders.nextElement();
                switch (folder.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                            files.map(file -> file.getFileName().toString()).forEach(file -> addIfSchema(found, file));
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) folder.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            jar.stream().map(JarEntry::getName)
                                    .filter(entry -> entry.startsWith(CLASSPATH_FOLDER))
                                    .map(entry -> entry.substring(CLASSPATH_FOLDER.length()))
                                    .forEach(file -> addIfSchema(found, file));
                        }
                    }
                    default -> {
                        // Other class loaders (e.g. jrt:, custom ones) cannot be listed; their schemas stay unknown.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + CLASSPATH_FOLDER, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath folder " + CLASSPATH_FOLDER, e);
        }
        return found;
    }

    private static void addIfSchema(SortedSet<String> found, String fileName) {
        if (fileName.endsWith(SUFFIX) && !fileName.contains("/")) {
            String name = fileName.substring(0, fileName.length() - SUFFIX.length());
            if (NAME.matcher(name).matches()) {
                found.add(name);
            }
        }
    }
}
