package com.degenduel.realtime.system;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIContractBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The ingestion APIs' description, {@code protocol/openapi.yaml}, loaded by vertx-openapi: loading
 * checks it against the official OpenAPI 3.1 schema (bundled with the library) and resolves its
 * references, including those into {@code protocol/schemas/common.json}. Answers are validated by
 * the library's response validator (status documented for the operation, content type, body against
 * that status's schema); requests against the operation's path parameters and request body.
 */
final class IngestionApiDocument {
  /** Where the document refers to the WebSocket messages' JSON Schemas, relative to itself. */
  private static final String SCHEMAS_DIR = "schemas/";
  /** Those schemas' {@code $id} prefix. */
  private static final String SCHEMAS_ID_PREFIX = "https://degenduel.com/schemas/realtime/v2/";
  private static final String JSON = "application/json";
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  private final OpenAPIContract contract;
  private final ResponseValidator responses;

  private IngestionApiDocument(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.responses = ResponseValidator.create(vertx, contract);
  }

  /** Surefire and failsafe run in the module directory; protocol/ sits at the repository root above it. */
  static Path file() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("protocol").resolve("openapi.yaml");
  }

  static IngestionApiDocument load(Vertx vertx) {
    return new IngestionApiDocument(vertx, await(contract(vertx, file())));
  }

  /**
   * Fails when the file is not a valid OpenAPI 3.1 document or a reference does not resolve. The
   * document refers to the WebSocket schemas' shared definitions by relative path, as tools that
   * read files expect; vertx-openapi resolves other documents only by absolute URI, so each such
   * reference is given the {@code $id} of the file it names, and the file is added under that id.
   */
  static Future<OpenAPIContract> contract(Vertx vertx, Path file) {
    OpenAPIContractBuilder builder = OpenAPIContract.builder(vertx);
    Set<String> referenced = new TreeSet<>();
    JsonObject document = new JsonObject(absoluteSchemaRefs(readYaml(file), referenced));
    for (String name : referenced) {
      try {
        builder.putAdditionalContractPart(SCHEMAS_ID_PREFIX + name,
            new JsonObject(Files.readString(file.resolveSibling(SCHEMAS_DIR + name))));
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    return builder.setContract(document).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readYaml(Path file) {
    try (Reader in = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T absoluteSchemaRefs(T node, Set<String> referenced) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((key, value) -> {
        if (key.equals("$ref") && value instanceof String ref && ref.startsWith(SCHEMAS_DIR)) {
          String target = ref.substring(SCHEMAS_DIR.length());
          referenced.add(target.contains("#") ? target.substring(0, target.indexOf('#')) : target);
          copy.put(key, SCHEMAS_ID_PREFIX + target);
        } else {
          copy.put(key, absoluteSchemaRefs(value, referenced));
        }
      });
      return (T) copy;
    }
    if (node instanceof List<?> list) {
      return (T) list.stream().map(item -> absoluteSchemaRefs(item, referenced)).collect(Collectors.toList());
    }
    return node;
  }

  OpenAPIContract contract() {
    return contract;
  }

  /** The components section, every reference resolved. */
  JsonObject components() {
    return contract.getRawContract().getJsonObject("components");
  }

  /** The documented operation a request goes to, or null. */
  Operation operation(HttpMethod method, String path) {
    return contract.findOperation(path, method);
  }

  /** Every documented status of every operation, by operation id, in order. */
  Map<String, List<Integer>> documentedStatuses() {
    Map<String, List<Integer>> statuses = new TreeMap<>();
    for (Operation op : contract.operations()) {
      statuses.put(op.getOperationId(), names(op.getOpenAPIModel().getJsonObject("responses")).stream()
          .map(Integer::valueOf).sorted().toList());
    }
    return statuses;
  }

  /** The field names of a part of the resolved document, without the annotations resolving added. */
  static List<String> names(JsonObject part) {
    return part.fieldNames().stream().filter(JsonSchema.EXCLUDE_ANNOTATIONS).toList();
  }

  /** A plain copy of a value of the resolved document, without the annotations resolving added. */
  static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      names(object).forEach(name -> copy.put(name, plain(object.getValue(name))));
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(plain(item)));
      return copy;
    }
    return value;
  }

  /** The error codes a documented answer may carry: its schema's {@code code} enum or const; empty for a 200. */
  List<String> documentedCodes(String operationId, int status) {
    JsonObject response = contract.operation(operationId).getOpenAPIModel().getJsonObject("responses")
        .getJsonObject(String.valueOf(status));
    return codesOf(response.getJsonObject("content").getJsonObject(JSON).getJsonObject("schema"));
  }

  /**
   * The codes a schema allows in {@code code}: what the constraints on {@code code} in the schema
   * itself and in each of its {@code allOf} parts (each an {@code enum}, a {@code const} or an
   * {@code allOf} of those) allow together.
   */
  static List<String> codesOf(JsonObject schema) {
    List<JsonObject> parts = new ArrayList<>(List.of(schema));
    schema.getJsonArray("allOf", new JsonArray()).forEach(part -> parts.add((JsonObject) part));
    TreeSet<String> codes = null;
    for (JsonObject part : parts) {
      JsonObject code = part.getJsonObject("properties", new JsonObject()).getJsonObject("code");
      if (code != null) {
        codes = allowed(code, codes);
      }
    }
    return codes == null ? List.of() : List.copyOf(codes);
  }

  /** What a string schema of {@code enum}, {@code const} and {@code allOf} allows, within {@code within} if not null. */
  static TreeSet<String> allowed(JsonObject schema, TreeSet<String> within) {
    TreeSet<String> result = within;
    if (schema.containsKey("const")) {
      result = narrowed(result, List.of(schema.getString("const")));
    }
    if (schema.containsKey("enum")) {
      result = narrowed(result, schema.getJsonArray("enum").stream().map(String.class::cast).toList());
    }
    for (Object part : schema.getJsonArray("allOf", new JsonArray())) {
      result = allowed((JsonObject) part, result);
    }
    return result;
  }

  private static TreeSet<String> narrowed(TreeSet<String> within, List<String> values) {
    TreeSet<String> result = new TreeSet<>(values);
    if (within != null) {
      result.retainAll(within);
    }
    return result;
  }

  /** Why an answer does not match the document for its operation; empty when it does. */
  List<String> answerProblems(Operation op, int status, String contentType, Buffer body) {
    return problemsOf(responses.validate(ValidatableResponse.create(status, body, contentType), op.getOperationId()));
  }

  /** Why a request does not match its operation's path parameters and request body; empty when it does. */
  List<String> requestProblems(Operation op, String path, Buffer body) {
    List<String> problems = new ArrayList<>();
    Map<String, String> pathValues = pathValues(op.getOpenAPIPath(), path);
    for (Parameter p : op.getParameters()) {
      if (p.getIn() == Location.PATH) {
        problems.addAll(schemaProblems("path parameter " + p.getName(), p.getSchema(), pathValues.get(p.getName())));
      }
    }
    Object json;
    try {
      json = body.toJsonValue();
    } catch (DecodeException e) {
      problems.add("the body is not JSON");
      return problems;
    }
    problems.addAll(schemaProblems("body", op.getRequestBody().getContent().get(JSON).getSchema(), json));
    return problems;
  }

  /** Why {@code value} does not match the component schema {@code name}; empty when it does. */
  List<String> componentProblems(String name, Object value) {
    return schemaProblems(name, JsonSchema.of(components().getJsonObject("schemas").getJsonObject(name)), value);
  }

  /** Why {@code value} does not match a schema of this document; empty when it does. */
  List<String> schemaProblems(String what, JsonSchema schema, Object value) {
    OutputUnit result = contract.getSchemaRepository().validator(schema).validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    return List.of(what + ": " + describe(result));
  }

  private static Map<String, String> pathValues(String template, String path) {
    Matcher names = PATH_PARAMETER.matcher(template);
    List<String> order = new ArrayList<>();
    while (names.find()) {
      order.add(names.group(1));
    }
    Matcher values = Pattern.compile(PATH_PARAMETER.matcher(Pattern.quote(template)).replaceAll("\\\\E([^/]+)\\\\Q"))
        .matcher(path);
    Map<String, String> found = new TreeMap<>();
    if (values.matches()) {
      for (int i = 0; i < order.size(); i++) {
        found.put(order.get(i), URLDecoder.decode(values.group(i + 1), StandardCharsets.UTF_8));
      }
    }
    return found;
  }

  private static List<String> problemsOf(Future<?> validation) {
    try {
      await(validation);
      return List.of();
    } catch (SchemaValidationException e) {
      return List.of(e.getMessage() + ": " + describe(e.getOutputUnit()));
    } catch (ValidatorException e) {
      return List.of(e.getMessage());
    }
  }

  private static String describe(OutputUnit result) {
    if (result == null) {
      return "invalid";
    }
    List<String> errors = new ArrayList<>();
    if (result.getErrors() != null) {
      result.getErrors().forEach(e -> errors.add(e.getInstanceLocation() + " " + e.getError()));
    }
    return errors.isEmpty() ? String.valueOf(result.getError()) : String.join("; ", errors);
  }

  private static <T> T await(Future<T> future) {
    CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
    try {
      return done.get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
