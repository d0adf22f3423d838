package dev.bedrockconverse.sample.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample configured for real Amazon Bedrock (the {@code aws} profile: no endpoint,
 * credentials and region from the AWS SDK's chains), tested as a user tests an
 * application: {@link AutoConfigureBedrockStub} and no endpoint, region or keys. Its
 * requests reach the test's stub, signed with the stub's keys, and the stub's script and
 * log are the test's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(EmbeddedBedrockStubConfiguration.AWS_PROFILE)
@AutoConfigureBedrockStub
class AwsProfileWithBedrockStubTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private BedrockStub bedrock;

	@Test
	void chatAnswersWhatTheStubIsToldToAnswer() throws Exception {
		this.bedrock.enqueue(StubAnswer.text("Scripted for this test."));

		HttpResponse<String> response = post("/chat", "{\"message\":\"Hello\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(response.body()).get("content").asString())
			.isEqualTo("Scripted for this test.");
		RecordedRequest request = this.bedrock.lastRequest();
		assertThat(request.operation()).isEqualTo("Converse");
		assertThat(request.modelId()).isEqualTo("amazon.nova-lite-v1:0");
		assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
		assertThat(request.accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
		assertThat(request.header("Authorization")).contains("/us-east-1/bedrock/");
	}

	@Test
	void streamReachesTheStubAndEachTestStartsWithAnEmptyLog() throws Exception {
		assertThat(this.bedrock.requests()).isEmpty();

		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/chat/stream?message=I%20love%20programming."))
				.header("Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:done").contains("programming.");
		assertThat(this.bedrock.requests()).singleElement()
			.satisfies((request) -> assertThat(request.operation()).isEqualTo("ConverseStream"));
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
