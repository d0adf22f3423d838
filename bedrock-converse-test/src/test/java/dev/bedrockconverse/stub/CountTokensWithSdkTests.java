package dev.bedrockconverse.stub;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code CountTokens} through the real AWS SDK: counted exactly as Converse's usage, and
 * refused as Bedrock refuses it.
 */
@ExtendWith(BedrockStubExtension.class)
class CountTokensWithSdkTests {

	private static final Message[] CONVERSATION = { SdkClients.user("What is the capital of France?"),
			Message.builder()
				.role(ConversationRole.ASSISTANT)
				.content(ContentBlock.fromText("Paris, of course."))
				.build(),
			SdkClients.user("And of Italy?") };

	private static final SystemContentBlock SYSTEM = SystemContentBlock.fromText("You answer in one line.");

	private static CountTokensRequest countTokens(String modelId, Message... messages) {
		return CountTokensRequest.builder()
			.modelId(modelId)
			.input(CountTokensInput
				.fromConverse(ConverseTokensRequest.builder().system(SYSTEM).messages(messages).build()))
			.build();
	}

	@Test
	void countIsConverseUsage(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			int counted = client.countTokens(countTokens(SdkClients.MODEL_ID, CONVERSATION)).inputTokens();
			int used = client
				.converse(ConverseRequest.builder()
					.modelId(SdkClients.MODEL_ID)
					.system(SYSTEM)
					.messages(CONVERSATION)
					.build())
				.usage()
				.inputTokens();

			assertThat(counted).isEqualTo(used).isEqualTo(5 + 6 + 3 + 3);
		}
		assertThat(stub.requests()).extracting(RecordedRequest::operation).containsExactly("CountTokens", "Converse");
		assertThat(stub.requests().get(0).signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void invokeModelBodyIsCountedByWords(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			String body = "{\"prompt\": \"Hello there, model\"}";
			assertThat(client
				.countTokens(CountTokensRequest.builder()
					.modelId(SdkClients.MODEL_ID)
					.input(CountTokensInput.fromInvokeModel(InvokeModelTokensRequest.builder()
						.body(SdkBytes.fromString(body, StandardCharsets.UTF_8))
						.build()))
					.build())
				.inputTokens()).isEqualTo(4);
		}
	}

	@Test
	void inferenceProfileIsRefused(BedrockStub stub) {
		assertThat(refused(stub, countTokens("us.anthropic.claude-3-5-sonnet-20240620-v1:0", CONVERSATION)))
			.isEqualTo("The provided model doesn't support counting tokens.");
		assertThat(refused(stub,
				countTokens("arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
						+ "us.anthropic.claude-3-5-sonnet-20240620-v1:0", CONVERSATION)))
			.isEqualTo("The provided model doesn't support counting tokens.");
	}

	@Test
	void modelIdOffThePatternIsRefused(BedrockStub stub) {
		assertThat(refused(stub, countTokens("claude sonnet", CONVERSATION)))
			.isEqualTo("1 validation error detected: Value 'claude sonnet' at 'modelId' failed to satisfy "
					+ "constraint: Member must satisfy regular expression pattern: [a-zA-Z_\\.\\-/0-9:]+");
	}

	@Test
	void conversationIsValidatedAsConverseIs(BedrockStub stub) {
		assertThat(refused(stub, countTokens(SdkClients.MODEL_ID, SdkClients.user("Hi"), SdkClients.user("Again"))))
			.startsWith("A conversation must alternate between user and assistant roles.");
	}

	private static String refused(BedrockStub stub, CountTokensRequest request) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ValidationException ex = catchThrowableOfType(ValidationException.class, () -> client.countTokens(request));
			assertThat(ex).isNotNull();
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
			return ex.awsErrorDetails().errorMessage();
		}
	}

}
