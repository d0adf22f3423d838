package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample answers over HTTP with its default profile (the in-process stub): run
 * against the application started in the test's JVM ({@link ChatSampleApplicationTests})
 * and against the AOT-processed jar ({@link ChatSampleAotIntegrationTests}).
 */
abstract class AbstractChatSampleHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void chatAnswersTheEchoWithFinishReasonAndUsage() throws Exception {
		JsonNode reply = postForJson("/chat", "{\"message\":\"I love programming.\"}", 200);
		assertThat(reply.get("content").asString()).isEqualTo("Echo: I love programming.");
		assertEndTurnWithUsageOfILoveProgramming(reply);
	}

	@Test
	void theFastEndpointIsAnsweredByTheNamedModel() throws Exception {
		JsonNode reply = postForJson("/chat/fast", "{\"message\":\"I love programming.\"}", 200);
		assertThat(reply.get("content").asString()).isEqualTo("Echo: I love programming.");
		assertThat(reply.get("model").asString()).isEqualTo("amazon.nova-micro-v1:0");
		JsonNode primary = postForJson("/chat", "{\"message\":\"I love programming.\"}", 200);
		assertThat(primary.get("model").asString()).isEqualTo("amazon.nova-lite-v1:0");
	}

	@Test
	void streamSendsOneEventPerDelta() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/chat/stream?message=I%20love%20programming."))
			.header("Accept", "text/event-stream")
			.GET()
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/event-stream"));
		List<String> events = response.body()
			.lines()
			.filter((line) -> line.startsWith("event:"))
			.map((line) -> line.substring("event:".length()))
			.collect(Collectors.toList());
		assertThat(events).containsExactly("delta", "delta", "delta", "delta", "done");
		List<JsonNode> data = response.body()
			.lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> json.readTree(line.substring("data:".length())))
			.collect(Collectors.toList());
		List<String> texts = data.subList(0, data.size() - 1)
			.stream()
			.map((delta) -> delta.get("text").asString())
			.collect(Collectors.toList());
		assertThat(texts).containsExactly("Echo:", " I", " love", " programming.");
		// The last event carries the stream's finish reason and usage.
		assertEndTurnWithUsageOfILoveProgramming(data.get(data.size() - 1));
	}

	private static void assertEndTurnWithUsageOfILoveProgramming(JsonNode answer) {
		assertThat(answer.get("finishReason").asString()).isEqualTo("END_TURN");
		// The stub counts words: 3 in the prompt, 4 in the answer.
		assertThat(answer.at("/usage/inputTokens").asInt()).isEqualTo(3);
		assertThat(answer.at("/usage/outputTokens").asInt()).isEqualTo(4);
		assertThat(answer.at("/usage/totalTokens").asInt()).isEqualTo(7);
	}

	@Test
	void toolsEndpointRunsTheToolAndAnswersWithItsResult() throws Exception {
		JsonNode reply = postForJson("/chat/tools", "{\"message\":\"What is the weather in Paris?\"}", 200);
		// The stub calls getWeather with city "stub-city" (generated from the tool's
		// schema), then echoes the result.
		assertThat(reply.get("content").asString())
			.isEqualTo("Tool getWeather returned: {\"city\":\"stub-city\",\"celsius\":21,\"sky\":\"sunny\"}");
	}

	@Test
	void structuredEndpointAnswersARecordFromTheJsonSchema() throws Exception {
		JsonNode facts = postForJson("/chat/structured", "{\"message\":\"Tell me about Paris\"}", 200);
		// The stub answers a JSON instance of the schema: strings "stub-<name>", integers
		// 1, one array item.
		assertThat(facts.get("name").asString()).isEqualTo("stub-name");
		assertThat(facts.get("country").asString()).isEqualTo("stub-country");
		assertThat(facts.get("population").asInt()).isEqualTo(1);
		assertThat(facts.get("landmarks").get(0).asString()).isEqualTo("stub-landmarks");
	}

	@Test
	void aScenarioDirectivePicksTheStopReason() throws Exception {
		JsonNode reply = postForJson("/chat", "{\"message\":\"[scenario:stop reason=max_tokens] Hello\"}", 200);
		assertThat(reply.get("content").asString()).isEqualTo("Echo: Hello");
		assertThat(reply.get("finishReason").asString()).isEqualTo("MAX_TOKENS");
	}

	@Test
	void aBlankMessageIsABadRequestThatSaysWhy() throws Exception {
		JsonNode problem = postForJson("/chat", "{\"message\":\"\"}", 400);
		assertThat(problem.get("detail").asString()).contains("messages[0].text").contains("blank");
	}

	@Test
	void anErrorFromBedrockIsABadGatewayWithItsType() throws Exception {
		// The stub, like Bedrock, answers a request it cannot serve with a 400
		// ValidationException.
		JsonNode problem = postForJson("/chat", "{\"message\":\"[scenario:no-such-scenario] Hello\"}", 502);
		assertThat(problem.get("errorType").asString()).isEqualTo("ValidationException");
	}

	private JsonNode postForJson(String path, String body, int expectedStatus)
			throws IOException, InterruptedException {
		HttpResponse<String> response = post(path, body);
		assertThat(response.statusCode()).isEqualTo(expectedStatus);
		return json.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
	}

	/**
	 * The port the sample listens on.
	 * @return the port
	 */
	protected abstract int port();

}
