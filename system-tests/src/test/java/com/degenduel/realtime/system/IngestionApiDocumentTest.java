package com.degenduel.realtime.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.FactApi;
import com.degenduel.realtime.node.ingest.FactError;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContractException;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code protocol/openapi.yaml} on its own: valid OpenAPI 3.1, its error codes those of the code's
 * one list with their statuses, its examples valid, its operations on the ports the services listen
 * on. What the running services answer is {@link IngestionApiContractIT}'s part.
 */
class IngestionApiDocumentTest {
  private static Vertx vertx;
  private static IngestionApiDocument doc;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    doc = IngestionApiDocument.load(vertx);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void isAnOpenApi31DocumentWithBothServicesOperations() {
    assertThat(doc.contract().getVersion()).isEqualTo(OpenAPIVersion.V3_1);
    assertThat(doc.contract().operations()).extracting(Operation::getOperationId).containsExactlyInAnyOrder(
        "reportTrade", "reportTradeBatch", "createContest", "startContest", "advanceContestRound", "completeContest",
        "cancelContest", "reportParticipation");
    for (Operation op : doc.contract().operations()) {
      assertThat(op.getSecurityRequirements()).as(op.getOperationId()).isNotEmpty();
    }
  }

  @Test
  void aCopyThatBreaksTheOpenApiSchemaOrALocalReferenceDoesNotLoad() throws Exception {
    String original = Files.readString(IngestionApiDocument.file());
    String titleLine = "  title: DegenDuel fact ingestion\n";
    String reference = "$ref: '#/components/schemas/TradeAccepted'";
    assertThat(original).contains(titleLine, reference);

    // info.title is required by the OpenAPI 3.1 schema.
    assertThat(loads(original.replace(titleLine, ""))).isFalse();
    assertThat(loads(original.replace(reference, "$ref: '#/components/schemas/NoSuchSchema'"))).isFalse();
    assertThat(loads(original)).as("the unchanged copy loads").isTrue();
  }

  @Test
  void itsErrorCodesAreExactlyTheCodesOwnEachUnderTheCodesStatus() {
    Set<String> factErrors = Arrays.stream(FactError.values()).map(Enum::name).collect(Collectors.toSet());
    JsonObject schemas = doc.components().getJsonObject("schemas");
    assertThat(schemas.getJsonObject("ErrorCode").getJsonArray("enum").getList()).containsExactlyInAnyOrderElementsOf(factErrors);

    Set<String> answered = new TreeSet<>();
    doc.documentedStatuses().forEach((operation, statuses) -> {
      assertThat(statuses).as(operation).contains(200, 401, 403, 500);
      for (int status : statuses) {
        List<String> codes = doc.documentedCodes(operation, status);
        if (status == 200) {
          assertThat(codes).as(operation + " 200").isEmpty();
          continue;
        }
        assertThat(codes).as(operation + " " + status).isNotEmpty();
        for (String code : codes) {
          assertThat(FactError.valueOf(code).status()).as(operation + " " + status + " " + code).isEqualTo(status);
        }
        answered.addAll(codes);
      }
    });
    List<String> unmatched = IngestionApiDocument.codesOf(
        doc.components().getJsonObject("responses").getJsonObject("NoSuchEndpoint").getJsonObject("content")
            .getJsonObject("application/json").getJsonObject("schema"));
    assertThat(unmatched).containsExactly(FactError.NOT_FOUND.name());
    answered.addAll(unmatched);
    assertThat(answered).as("every code of FactError is documented as some answer").containsExactlyInAnyOrderElementsOf(factErrors);

    JsonObject item = schemas.getJsonObject("BatchItemError").getJsonObject("properties");
    TreeSet<String> itemCodes = IngestionApiDocument.allowed(item.getJsonObject("code"), null);
    assertThat(itemCodes).isNotEmpty();
    assertThat(item.getJsonObject("status").getJsonArray("enum").getList())
        .containsExactlyInAnyOrderElementsOf(itemCodes.stream().map(c -> FactError.valueOf(c).status()).collect(Collectors.toSet()));
  }

  @Test
  void everyExampleMatchesItsSchema() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Operation op : doc.contract().operations()) {
      JsonObject request = op.getRequestBody().getContent().get("application/json").getOpenAPIModel();
      for (Object example : examples(request)) {
        problems.addAll(doc.schemaProblems(op.getOperationId() + " request example",
            op.getRequestBody().getContent().get("application/json").getSchema(), example));
        checked++;
      }
      JsonObject responses = op.getOpenAPIModel().getJsonObject("responses");
      for (String status : IngestionApiDocument.names(responses)) {
        List<Object> answers = examples(responses.getJsonObject(status).getJsonObject("content").getJsonObject("application/json"));
        assertThat(answers).as(op.getOperationId() + " " + status + " has an example").isNotEmpty();
        for (Object example : answers) {
          problems.addAll(doc.answerProblems(op, Integer.parseInt(status), "application/json", Buffer.buffer(example.toString()))
              .stream().map(p -> op.getOperationId() + " " + status + " example: " + p).toList());
          checked++;
        }
      }
    }
    JsonObject unmatched = doc.components().getJsonObject("responses").getJsonObject("NoSuchEndpoint")
        .getJsonObject("content").getJsonObject("application/json");
    for (Object example : examples(unmatched)) {
      problems.addAll(doc.componentProblems("NotFoundError", example));
      checked++;
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(60);
  }

  @Test
  void eachOperationIsServedOnItsServicesIngestionPortAndTheBatchLimitIsTheCodes() {
    String portfolio = Setting.PORTFOLIO_INGEST_PORT.defaultValue();
    String contest = Setting.CONTEST_INGEST_PORT.defaultValue();
    JsonObject paths = doc.contract().getRawContract().getJsonObject("paths");
    for (String path : IngestionApiDocument.names(paths)) {
      JsonArray servers = paths.getJsonObject(path).getJsonArray("servers");
      assertThat(servers).as(path).hasSize(1);
      int port = URI.create(servers.getJsonObject(0).getString("url")).getPort();
      assertThat(String.valueOf(port)).as(path).isEqualTo(path.startsWith("/facts/trades") ? portfolio : contest);
    }
    assertThat(doc.components().getJsonObject("schemas").getJsonObject("TradeBatch").getJsonObject("properties")
        .getJsonObject("trades").getInteger("maxItems")).isEqualTo(FactApi.MAX_BATCH);
  }

  private static List<Object> examples(JsonObject mediaType) {
    List<Object> found = new ArrayList<>();
    if (mediaType.containsKey("example")) {
      found.add(IngestionApiDocument.plain(mediaType.getValue("example")));
    }
    JsonObject named = mediaType.getJsonObject("examples", new JsonObject());
    for (String name : IngestionApiDocument.names(named)) {
      found.add(IngestionApiDocument.plain(named.getJsonObject(name).getValue("value")));
    }
    return found;
  }

  private static boolean loads(String document) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "openapi-copy");
    Files.createDirectories(dir.resolve("schemas"));
    Files.copy(IngestionApiDocument.file().resolveSibling("schemas/common.json"), dir.resolve("schemas/common.json"));
    Path copy = Files.writeString(dir.resolve("openapi.yaml"), document);
    try {
      IngestionApiDocument.contract(vertx, copy.toAbsolutePath()).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(OpenAPIContractException.class);
      return false;
    }
  }
}
