package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's actuator shows the chat meters after a call and a stream, as a user would
 * read them with curl: {@code /actuator/metrics/gen_ai.client.token.usage} and
 * {@code /actuator/prometheus}. Counters may already hold what other tests sharing this
 * application context sent, so each test compares before and after. The stub counts one
 * token per word: 3 in "I love programming.", 4 in its echo.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatSampleActuatorTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String MODEL = "gen_ai_request_model=\"amazon.nova-lite-v1:0\"";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void tokenUsageMetricCountsTheTokensOfACallAndAStream() throws Exception {
		double inputBefore = tokenUsage("input");
		double outputBefore = tokenUsage("output");
		double totalBefore = tokenUsage("total");

		chatAndStream();

		assertThat(tokenUsage("input") - inputBefore).isEqualTo(6);
		assertThat(tokenUsage("output") - outputBefore).isEqualTo(8);
		assertThat(tokenUsage("total") - totalBefore).isEqualTo(14);
		JsonNode metric = json.readTree(get("/actuator/metrics/gen_ai.client.token.usage").body());
		assertThat(metric.get("availableTags").toString()).contains("gen_ai.provider.name", "aws.bedrock");
	}

	@Test
	void prometheusShowsTokensOperationsTimeToFirstChunkAndBedrockMeters() throws Exception {
		String before = prometheus();

		chatAndStream();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String after = prometheus();
			assertThat(delta(before, after, "gen_ai_client_token_usage_total", "gen_ai_token_type=\"input\""))
				.isEqualTo(6);
			assertThat(delta(before, after, "gen_ai_client_token_usage_total", "gen_ai_provider_name=\"aws.bedrock\""))
				.isEqualTo(28);
			assertThat(delta(before, after, "gen_ai_client_operation_seconds_count", "error=\"none\"")).isEqualTo(2);
			assertThat(delta(before, after, "gen_ai_client_operation_time_to_first_chunk_seconds_count", MODEL))
				.isEqualTo(1);
			assertThat(delta(before, after, "bedrock_converse_server_latency_seconds_count", MODEL)).isEqualTo(2);
			assertThat(delta(before, after, "bedrock_converse_stop_reasons_total", "stop_reason=\"END_TURN\""))
				.isEqualTo(2);
			assertThat(delta(before, after, "bedrock_converse_sdk_api_calls_seconds_count", "outcome=\"success\""))
				.isEqualTo(2);
			assertThat(delta(before, after, "bedrock_converse_sdk_attempts_total", "aws_region=\"us-east-1\""))
				.isEqualTo(2);
		});
		// Histogram buckets, which the Grafana dashboard's p50 and p99 panels need.
		assertThat(prometheus()).contains("gen_ai_client_operation_seconds_bucket{",
				"gen_ai_client_operation_time_to_first_chunk_seconds_bucket{",
				"bedrock_converse_server_latency_seconds_bucket{");
	}

	@Test
	void everyMetricOfTheGrafanaDashboardIsExposed() throws Exception {
		chatAndStream();
		String dashboard = Files.readString(Path.of("../grafana/bedrock-converse-dashboard.json"));
		// Metric names, as opposed to label names, are followed by their label matchers
		// or range.
		Set<String> queried = new TreeSet<>();
		Matcher matcher = Pattern.compile("\\b(?:gen_ai|bedrock_converse)_[a-z_]+(?=[{\\[])").matcher(dashboard);
		while (matcher.find()) {
			queried.add(matcher.group());
		}
		Set<String> exposed = prometheus().lines()
			.filter((line) -> !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
		// Recorded only on an error, a throttled attempt or a prompt-cache hit, which the
		// echoing stub never causes;
		// the meter tests of the auto-configuration record them with these names.
		Set<String> onlyOnDemand = Set.of("bedrock_converse_errors_total", "bedrock_converse_sdk_throttles_total",
				"bedrock_converse_cache_tokens_total");
		assertThat(queried).isNotEmpty()
			.allSatisfy((name) -> assertThat(exposed.contains(name) || onlyOnDemand.contains(name))
				.as("the dashboard's metric %s is exposed", name)
				.isTrue());
	}

	private void chatAndStream() throws IOException, InterruptedException {
		HttpResponse<String> chat = send(HttpRequest.newBuilder(uri("/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"I love programming.\"}"))
			.build());
		assertThat(chat.statusCode()).isEqualTo(200);
		HttpResponse<String> stream = send(HttpRequest.newBuilder(uri("/chat/stream?message=I%20love%20programming."))
			.header("Accept", "text/event-stream")
			.GET()
			.build());
		assertThat(stream.statusCode()).isEqualTo(200);
	}

	private double tokenUsage(String type) throws IOException, InterruptedException {
		HttpResponse<String> response = get(
				"/actuator/metrics/gen_ai.client.token.usage?tag=gen_ai.token.type:" + type);
		if (response.statusCode() == 404) {
			// The counter is registered by the first reply.
			return 0;
		}
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body()).at("/measurements/0/value").asDouble();
	}

	private String prometheus() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * The change of the sum of the samples of a metric whose labels contain the given
	 * one.
	 */
	private static double delta(String before, String after, String metric, String label) {
		return sum(after, metric, label) - sum(before, metric, label);
	}

	private static double sum(String exposition, String metric, String label) {
		return exposition.lines()
			.filter((line) -> line.startsWith(metric + "{") && line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
