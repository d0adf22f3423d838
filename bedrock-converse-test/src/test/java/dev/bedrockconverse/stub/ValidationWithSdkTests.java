package dev.bedrockconverse.stub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What Bedrock rejects the stub rejects: one test per rule, through the real AWS SDK,
 * asserting the status, the error type and Bedrock's message.
 */
@ExtendWith(BedrockStubExtension.class)
class ValidationWithSdkTests {

	private static final String HELLO = "Hello";

	private static ConverseRequest request(Consumer<ConverseRequest.Builder> customizer) {
		ConverseRequest.Builder builder = ConverseRequest.builder()
			.modelId(SdkClients.MODEL_ID)
			.messages(SdkClients.user(HELLO));
		customizer.accept(builder);
		return builder.build();
	}

	private static Message message(ConversationRole role, ContentBlock... content) {
		return Message.builder().role(role).content(content).build();
	}

	private static ContentBlock toolUse(String id) {
		return ContentBlock.fromToolUse(ToolUseBlock.builder()
			.toolUseId(id)
			.name("get_weather")
			.input(Document.mapBuilder().putString("city", "Paris").build())
			.build());
	}

	private static ContentBlock toolResult(String id) {
		return ContentBlock.fromToolResult(
				ToolResultBlock.builder().toolUseId(id).content(ToolResultContentBlock.fromText("sunny")).build());
	}

	private static ContentBlock document(String name, int bytes) {
		return ContentBlock.fromDocument(DocumentBlock.builder()
			.name(name)
			.format(DocumentFormat.TXT)
			.source(DocumentSource.fromBytes(SdkBytes.fromByteArray(new byte[bytes])))
			.build());
	}

	private static ContentBlock image(int bytes) {
		return ContentBlock.fromImage(ImageBlock.builder()
			.format(ImageFormat.PNG)
			.source(ImageSource.fromBytes(SdkBytes.fromByteArray(new byte[bytes])))
			.build());
	}

	/** A request whose one user message has these blocks and a question. */
	private static ConverseRequest askingAbout(List<ContentBlock> blocks) {
		List<ContentBlock> content = new ArrayList<>(blocks);
		content.add(ContentBlock.fromText("Describe these."));
		return request((r) -> r.messages(Message.builder().role(ConversationRole.USER).content(content).build()));
	}

	private static String rejected(BedrockStub stub, ConverseRequest request) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ValidationException ex = catchThrowableOfType(ValidationException.class, () -> client.converse(request));
			assertThat(ex).as("a ValidationException").isNotNull();
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
			return ex.awsErrorDetails().errorMessage();
		}
	}

	@Test
	void blankTextBlock(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.messages(SdkClients.user("Hi"),
						message(ConversationRole.ASSISTANT, ContentBlock.fromText("Hello")),
						message(ConversationRole.USER, ContentBlock.fromText(" \n"))))))
			.isEqualTo("The text field in the ContentBlock object at messages.2.content.0 is blank. "
					+ "Add text to the text field, and try again.");
	}

	@Test
	void emptyMessageContent(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.messages(message(ConversationRole.USER)))))
			.isEqualTo("The content field in the Message object at messages.0 is empty. "
					+ "Add a ContentBlock object to the content field and try again.");
	}

	@Test
	void conversationStartingWithAssistant(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.messages(message(ConversationRole.ASSISTANT, ContentBlock.fromText("Hi")),
						SdkClients.user(HELLO)))))
			.isEqualTo("A conversation must start with a user message. "
					+ "Try again with a conversation that starts with a user message.");
	}

	@Test
	void conversationNotAlternating(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.messages(SdkClients.user("Hi"), SdkClients.user(HELLO)))))
			.isEqualTo("A conversation must alternate between user and assistant roles. "
					+ "Make sure the conversation alternates between user and assistant roles and try again.");
	}

	@Test
	void toolResultWithoutToolUseInThePreviousTurn(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.messages(SdkClients.user("Weather?"),
						message(ConversationRole.ASSISTANT, ContentBlock.fromText("Let me see.")),
						message(ConversationRole.USER, toolResult("tooluse_1"))))))
			.isEqualTo("The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks "
					+ "of previous turn.");
	}

	@Test
	void toolResultForAnotherToolUse(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.messages(SdkClients.user("Weather?"),
						message(ConversationRole.ASSISTANT, toolUse("tooluse_1")),
						message(ConversationRole.USER, toolResult("tooluse_2"))))))
			.isEqualTo("Expected toolResult blocks at messages.2.content for the following Ids: tooluse_1");
	}

	@Test
	void toolUseNotAnsweredInTheNextTurn(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.messages(SdkClients.user("Weather?"),
						message(ConversationRole.ASSISTANT, toolUse("tooluse_1")), SdkClients.user("Never mind.")))))
			.isEqualTo("Expected toolResult blocks at messages.2.content for the following Ids: tooluse_1");
	}

	@Test
	void toolChoiceWithoutTools(BedrockStub stub) {
		assertThat(rejected(stub,
				request((r) -> r.toolConfig((t) -> t.toolChoice(ToolChoice.fromAny(AnyToolChoice.builder().build()))))))
			.isEqualTo("1 validation error detected: Value null at 'toolConfig.tools' failed to satisfy constraint: "
					+ "Member must not be null");
	}

	@Test
	void moreThanFourCachePoints(BedrockStub stub) {
		List<SystemContentBlock> system = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			system.add(SystemContentBlock.fromText("Part " + i));
			system
				.add(SystemContentBlock.fromCachePoint(CachePointBlock.builder().type(CachePointType.DEFAULT).build()));
		}
		assertThat(rejected(stub, request((r) -> r.system(system))))
			.isEqualTo("A maximum of 4 blocks with cache_control may be provided. Found 5.");
	}

	@Test
	void temperatureAboveOne(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.inferenceConfig((c) -> c.temperature(1.5f)))))
			.isEqualTo("1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy "
					+ "constraint: Member must have value less than or equal to 1");
	}

	@Test
	void topPBelowZero(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.inferenceConfig((c) -> c.topP(-0.5f)))))
			.isEqualTo("1 validation error detected: Value '-0.5' at 'inferenceConfig.topP' failed to satisfy "
					+ "constraint: Member must have value greater than or equal to 0");
	}

	@Test
	void maxTokensBelowOne(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.inferenceConfig((c) -> c.maxTokens(0)))))
			.isEqualTo("1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy "
					+ "constraint: Member must have value greater than or equal to 1");
	}

	@Test
	void severalConstraintViolationsAreReportedTogether(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.inferenceConfig((c) -> c.maxTokens(0).temperature(2f)))))
			.isEqualTo("2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy "
					+ "constraint: Member must have value greater than or equal to 1; Value '2.0' at "
					+ "'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than "
					+ "or equal to 1");
	}

	@Test
	void documentNameWithADot(BedrockStub stub) {
		assertThat(rejected(stub, askingAbout(List.of(document("report.pdf", 10)))))
			.isEqualTo("The document file name can only contain alphanumeric characters, whitespace characters, "
					+ "hyphens, parentheses, and square brackets. The name can't contain more than one consecutive "
					+ "whitespace character. Check that the file name conforms to these restrictions and retry your "
					+ "request.");
	}

	@Test
	void documentNameWithTwoSpacesInARow(BedrockStub stub) {
		assertThat(rejected(stub, askingAbout(List.of(document("Report  final", 10)))))
			.startsWith("The document file name can only contain alphanumeric characters");
	}

	@Test
	void duplicateDocumentNames(BedrockStub stub) {
		assertThat(rejected(stub, askingAbout(List.of(document("Report (1)", 10), document("Report (1)", 20)))))
			.isEqualTo("Messages can't contain duplicate document names.");
	}

	@Test
	void moreThanFiveDocuments(BedrockStub stub) {
		List<ContentBlock> documents = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			documents.add(document("Doc " + i, 10));
		}
		assertThat(rejected(stub, askingAbout(documents)))
			.isEqualTo("You can't include more than 5 documents in a request.");
	}

	@Test
	void documentLargerThanFourAndAHalfMegabytes(BedrockStub stub) {
		assertThat(rejected(stub, askingAbout(List.of(document("Big", 4_718_593)))))
			.isEqualTo("The document at messages.0.content.0 is larger than the maximum document size of 4.5 MB. "
					+ "Reduce the size of the document and try again.");
	}

	@Test
	void moreThanTwentyImages(BedrockStub stub) {
		List<ContentBlock> images = new ArrayList<>(Collections.nCopies(21, image(10)));
		assertThat(rejected(stub, askingAbout(images)))
			.isEqualTo("You can't include more than 20 images in a request.");
	}

	@Test
	void imageLargerThanThreeAndThreeQuarterMegabytes(BedrockStub stub) {
		assertThat(rejected(stub, askingAbout(List.of(image(3_932_161)))))
			.isEqualTo("The image at messages.0.content.0 is larger than the maximum image size of 3.75 MB. "
					+ "Reduce the size of the image and try again.");
	}

	@Test
	void moreThanSixteenRequestMetadataEntries(BedrockStub stub) {
		Map<String, String> metadata = new HashMap<>();
		for (int i = 0; i < 17; i++) {
			metadata.put("key" + i, "value");
		}
		assertThat(rejected(stub, request((r) -> r.requestMetadata(metadata))))
			.isEqualTo("1 validation error detected: Value at 'requestMetadata' failed to satisfy constraint: "
					+ "Member must have length less than or equal to 16");
	}

	@Test
	void requestMetadataKeyWithACharacterOffThePattern(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.requestMetadata(Map.of("team!", "search")))))
			.isEqualTo("1 validation error detected: Value at 'requestMetadata' failed to satisfy constraint: "
					+ "Map keys must satisfy constraint: [Member must have length less than or equal to 256, Member "
					+ "must have length greater than or equal to 1, Member must satisfy regular expression pattern: "
					+ "[a-zA-Z0-9\\s:_@$#=/+,-.]{1,256}]");
	}

	@Test
	void moreThanTenResponseFieldPaths(BedrockStub stub) {
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			paths.add("/p" + i);
		}
		assertThat(rejected(stub, request((r) -> r.additionalModelResponseFieldPaths(paths))))
			.isEqualTo("1 validation error detected: Value '[/p0, /p1, /p2, /p3, /p4, /p5, /p6, /p7, /p8, /p9, /p10]' "
					+ "at 'additionalModelResponseFieldPaths' failed to satisfy constraint: Member must have length "
					+ "less than or equal to 10");
	}

	@Test
	void modelIdOffBedrocksPattern(BedrockStub stub) {
		assertThat(rejected(stub, request((r) -> r.modelId("claude sonnet!"))))
			.startsWith("1 validation error detected: Value 'claude sonnet!' at 'modelId' failed to satisfy "
					+ "constraint: Member must satisfy regular expression pattern: (arn:aws(-[^:]+)?:bedrock:");
	}

	@Test
	void validationSwitchedOffAnswersWhatBedrockWouldReject() {
		try (BedrockStub stub = BedrockStub.builder().validateRequests(false).build().start();
				BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			assertThat(client
				.converse(request((r) -> r.messages(SdkClients.user("Hi"), SdkClients.user(HELLO))
					.inferenceConfig((c) -> c.temperature(1.5f))
					.modelId("claude sonnet!")))
				.output()
				.message()
				.content()).extracting(ContentBlock::text).containsExactly("Echo: Hello");
		}
	}

}
