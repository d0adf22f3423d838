package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.SignatureResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Per-request tenants: one shared pair of clients (signing with the stub's default keys
 * in {@code us-east-1}) serves requests whose options carry another account's
 * credentials, another region or an API key. The stub knows every tenant's key pair and
 * checks each signature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBedrockConverseTenantsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String TENANT_A_KEY = "AKIDTENANTAAAAAAAAAA";

	private static final String TENANT_A_SECRET = "tenant-a-secret-0123456789";

	private static final String TENANT_B_KEY = "AKIDTENANTBBBBBBBBBB";

	private static final String TENANT_B_SECRET = "tenant-b-secret-9876543210";

	private static final String API_KEY = "bedrock-api-key-tenant-c-5f2e";

	private final BedrockStub stub = BedrockStub.builder()
		.additionalKeyPair(TENANT_A_KEY, TENANT_A_SECRET)
		.additionalKeyPair(TENANT_B_KEY, TENANT_B_SECRET)
		.apiKey(API_KEY)
		.build()
		.start();

	private final BedrockRuntimeClient client = StubClients.sync(this.stub, StubClients.fastRetries(1));

	private final BedrockRuntimeAsyncClient asyncClient = StubClients.async(this.stub, StubClients.fastRetries(1));

	private final ChatBedrockConverse model = ChatBedrockConverse.builder()
		.bedrockRuntimeClient(this.client)
		.bedrockRuntimeAsyncClient(this.asyncClient)
		.defaultOptions(BedrockConverseChatOptions.builder().model(StubClients.MODEL).build())
		.build();

	@BeforeEach
	void resetStub() {
		this.stub.reset();
	}

	@AfterAll
	void close() {
		this.client.close();
		this.asyncClient.close();
		this.stub.close();
	}

	private static AwsCredentialsProvider keys(String accessKeyId, String secret) {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
	}

	private static String userText(RecordedRequest request) {
		return request.body().path("messages").path(0).path("content").path(0).path("text").asString();
	}

	private static String region(RecordedRequest request) {
		return request.credentialScope().split("/")[1];
	}

	private String answer(Prompt prompt, boolean stream) {
		if (!stream) {
			return this.model.call(prompt).getResult().getOutput().getText();
		}
		return String.join("",
				this.model.stream(prompt)
					.map((response) -> response.getResult().getOutput().getText())
					.collectList()
					.block(TIMEOUT));
	}

	@Test
	void twoTenantsInterleavedOnSharedClientsEachSignWithTheirOwnKeysAndRegion() throws Exception {
		BedrockConverseChatOptions tenantA = BedrockConverseChatOptions.builder()
			.credentialsProvider(keys(TENANT_A_KEY, TENANT_A_SECRET))
			.build();
		BedrockConverseChatOptions tenantB = BedrockConverseChatOptions.builder()
			.credentialsProvider(keys(TENANT_B_KEY, TENANT_B_SECRET))
			.region("eu-west-1")
			.build();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> requests = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				boolean isA = i % 2 == 0;
				boolean stream = (i / 2) % 2 == 0;
				String text = "tenant " + (isA ? "A" : "B") + " request " + i;
				Prompt prompt = new Prompt(text, isA ? tenantA : tenantB);
				requests.add(() -> answer(prompt, stream));
			}
			List<Future<String>> answers = executor.invokeAll(requests, 60, TimeUnit.SECONDS);
			for (int i = 0; i < answers.size(); i++) {
				assertThat(answers.get(i).get())
					.isEqualTo("Echo: tenant " + ((i % 2 == 0) ? "A" : "B") + " request " + i);
			}
		}
		finally {
			executor.shutdownNow();
		}
		List<RecordedRequest> recorded = this.stub.requests();
		assertThat(recorded).hasSize(24);
		assertThat(recorded).extracting(RecordedRequest::operation).contains("Converse", "ConverseStream");
		assertThat(recorded).allSatisfy((request) -> {
			assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
			if (userText(request).startsWith("tenant A")) {
				assertThat(request.accessKeyId()).isEqualTo(TENANT_A_KEY);
				assertThat(region(request)).isEqualTo("us-east-1");
			}
			else {
				assertThat(request.accessKeyId()).isEqualTo(TENANT_B_KEY);
				assertThat(region(request)).isEqualTo("eu-west-1");
			}
		});
	}

	@Test
	void aTenantsRegionIsWhereTheAnswerSaysItCameFrom() {
		Prompt prompt = new Prompt("Hello", BedrockConverseChatOptions.builder().region("eu-central-1").build());

		ChatResponse called = this.model.call(prompt);
		List<ChatResponse> streamed = this.model.stream(prompt).collectList().block(TIMEOUT);

		assertThat((String) called.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("eu-central-1");
		assertThat(streamed)
			.allSatisfy((response) -> assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION))
				.isEqualTo("eu-central-1"));
		// The shared client's own keys, signed for the tenant's region.
		assertThat(this.stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
			assertThat(region(request)).isEqualTo("eu-central-1");
		});
	}

	@Test
	void anApiKeyIsSentAsABearerTokenInsteadOfASignature() {
		Prompt prompt = new Prompt("Hello", BedrockConverseChatOptions.builder().apiKey(API_KEY).build());

		assertThat(answer(prompt, false)).isEqualTo("Echo: Hello");
		assertThat(answer(prompt, true)).isEqualTo("Echo: Hello");

		assertThat(this.stub.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.signature()).isEqualTo(SignatureResult.BEARER_VALID);
			assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
			assertThat(request.accessKeyId()).isNull();
		});
	}

	@Test
	void tenantValuesNeverAppearInToStringOrExceptions() {
		String wrongKey = "bedrock-api-key-not-issued-7d1c";
		BedrockConverseChatOptions withKey = BedrockConverseChatOptions.builder()
			.apiKey(wrongKey)
			.region("ap-south-1")
			.build();
		BedrockConverseChatOptions withCredentials = BedrockConverseChatOptions.builder()
			.credentialsProvider(keys(TENANT_A_KEY, "not-tenant-a-secret"))
			.build();

		assertThat(withKey.toString()).contains("apiKey=(set)", "region=(set)")
			.doesNotContain(wrongKey)
			.doesNotContain("ap-south-1");
		assertThat(withCredentials.toString()).contains("credentialsProvider=(set)")
			.doesNotContain(TENANT_A_KEY)
			.doesNotContain("not-tenant-a-secret");
		List<Throwable> failures = List.of(catchThrowable(() -> this.model.call(new Prompt("Hello", withKey))),
				catchThrowable(() -> this.model.stream(new Prompt("Hello", withKey)).blockLast(TIMEOUT)),
				catchThrowable(() -> this.model.call(new Prompt("Hello", withCredentials))),
				catchThrowable(() -> this.model.stream(new Prompt("Hello", withCredentials)).blockLast(TIMEOUT)));
		assertThat(failures).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(BedrockConverseNonTransientException.class);
			assertThat(((BedrockConverseFailure) failure).getStatusCode()).isEqualTo(403);
			assertThat(failure.getMessage()).doesNotContain(wrongKey).doesNotContain("not-tenant-a-secret");
		});
		assertThat(this.stub.requests()).extracting(RecordedRequest::signature)
			.containsExactly(SignatureResult.BEARER_INVALID, SignatureResult.BEARER_INVALID, SignatureResult.INVALID,
					SignatureResult.INVALID);
	}

	@Test
	void credentialsAndAnApiKeyTogetherAreRejectedBeforeSending() {
		Prompt prompt = new Prompt("Hello",
				BedrockConverseChatOptions.builder()
					.credentialsProvider(keys(TENANT_A_KEY, TENANT_A_SECRET))
					.apiKey(API_KEY)
					.build());

		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(prompt))
			.withMessageContaining("credentialsProvider")
			.withMessageContaining("apiKey")
			.withMessageNotContaining(API_KEY);
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void optionsCompareTenantsCredentialsProvidersByIdentity() {
		AwsCredentialsProvider provider = keys(TENANT_A_KEY, TENANT_A_SECRET);
		BedrockConverseChatOptions one = BedrockConverseChatOptions.builder().credentialsProvider(provider).build();

		assertThat(one.mutate().build()).isEqualTo(one).hasSameHashCodeAs(one);
		assertThat(
				BedrockConverseChatOptions.builder().credentialsProvider(keys(TENANT_A_KEY, TENANT_A_SECRET)).build())
			.isNotEqualTo(one);
	}

}
