package com.degenduel.realtime.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The repository's protocol description ({@code protocol/asyncapi.yaml} and the JSON Schemas under
 * {@code protocol/schemas/}), loaded from the files themselves so that tests hold the code to them.
 */
final class ProtocolSchemas {
  /** The schemas' {@code $id} prefix; mapped onto the folder so that their relative {@code $ref}s resolve offline. */
  static final String ID_PREFIX = "https://degenduel.com/schemas/realtime/v2/";

  private final Path protocolDir;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final Map<String, JsonSchema> byType = new ConcurrentHashMap<>();
  private final Set<String> validatedFiles = ConcurrentHashMap.newKeySet();

  ProtocolSchemas() {
    // Surefire runs in the module directory; protocol/ sits at the repository root above it.
    protocolDir = Path.of(System.getProperty("user.dir")).getParent().resolve("protocol");
    factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, schemasDir().toUri().toString())));
  }

  Path schemasDir() {
    return protocolDir.resolve("schemas");
  }

  Path asyncApi() {
    return protocolDir.resolve("asyncapi.yaml");
  }

  JsonNode asyncApiDocument() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(asyncApi().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> schemaFiles() {
    try (Stream<Path> files = Files.list(schemasDir())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message schema whose {@code type} is the constant {@code type}, found by reading every schema file. */
  JsonSchema forType(String type) {
    return byType.computeIfAbsent(
        type,
        t -> {
          List<Path> matching =
              schemaFiles().stream()
                  .filter(f -> t.equals(json(f).path("properties").path("type").path("const").asText(null)))
                  .toList();
          if (matching.size() != 1) {
            throw new AssertionError("expected one schema for type " + t + ", found " + matching);
          }
          return factory.getSchema(SchemaLocation.of(ID_PREFIX + matching.get(0).getFileName()), config);
        });
  }

  boolean hasSchemaFor(String type) {
    return schemaFiles().stream()
        .anyMatch(f -> type.equals(json(f).path("properties").path("type").path("const").asText(null)));
  }

  /** The violations of a message against the schema of its {@code type}; empty when it conforms. */
  Set<String> violations(String type, String messageJson) {
    JsonSchema schema = forType(type);
    Set<ValidationMessage> errors = schema.validate(messageJson, InputFormat.JSON);
    if (errors.isEmpty()) {
      validatedFiles.add(fileOf(schema));
    }
    return errors.stream().map(ValidationMessage::toString).collect(Collectors.toSet());
  }

  /** The schema files that at least one message conformed to so far. */
  Set<String> validatedFiles() {
    return Set.copyOf(validatedFiles);
  }

  private static String fileOf(JsonSchema schema) {
    String id = schema.getSchemaLocation().getAbsoluteIri().toString();
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
