package dev.bedrockconverse.stub;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AudioBlock;
import software.amazon.awssdk.services.bedrockruntime.model.AudioFormat;
import software.amazon.awssdk.services.bedrockruntime.model.AudioSource;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsConfig;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.SearchResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SearchResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The input blocks beyond text and plain media, through the real AWS SDK: search results
 * (in user content and tool results, cited back with {@code searchResultLocation}),
 * documents with context and text or content sources, S3 bucket owners, every audio
 * format, guard-content images and media in tool results are accepted; what breaks the
 * service model's constraints is rejected in the AWS front end's words.
 */
@ExtendWith(BedrockStubExtension.class)
class ContentBlocksWithSdkTests {

	private static final SdkBytes PNG = SdkBytes.fromByteArray(new byte[] { (byte) 0x89, 'P', 'N', 'G' });

	private static SearchResultBlock searchResult(String source, String title, String... texts) {
		return SearchResultBlock.builder()
			.source(source)
			.title(title)
			.content(List.of(texts)
				.stream()
				.map((text) -> SearchResultContentBlock.builder().text(text).build())
				.toList())
			.citations(CitationsConfig.builder().enabled(true).build())
			.build();
	}

	private static ConverseRequest asking(String question, ContentBlock... blocks) {
		List<ContentBlock> content = new ArrayList<>(List.of(blocks));
		content.add(ContentBlock.fromText(question));
		return SdkClients.request("unused")
			.messages(Message.builder().role(ConversationRole.USER).content(content).build())
			.build();
	}

	private static ConverseResponse converse(BedrockStub stub, ConverseRequest request) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			return client.converse(request);
		}
	}

	private static String rejected(BedrockStub stub, ConverseRequest request) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ValidationException ex = catchThrowableOfType(ValidationException.class, () -> client.converse(request));
			assertThat(ex).as("a ValidationException").isNotNull();
			assertThat(ex.statusCode()).isEqualTo(400);
			return ex.awsErrorDetails().errorMessage();
		}
	}

	@Test
	void searchResultsInUserContentAreCitedWithTheirLocation(BedrockStub stub) {
		ConverseResponse response = converse(stub,
				asking("[scenario:citations result=1] Who won?",
						ContentBlock.fromSearchResult(searchResult("https://a.example", "A", "first")),
						ContentBlock.fromSearchResult(searchResult("https://b.example", "B", "one", "two"))));

		var citation = response.output().message().content().get(0).citationsContent().citations().get(0);
		assertThat(citation.title()).isEqualTo("B");
		assertThat(citation.source()).isEqualTo("https://b.example");
		assertThat(citation.sourceContent().get(0).text()).isEqualTo("two");
		assertThat(citation.location().searchResultLocation().searchResultIndex()).isEqualTo(1);
		assertThat(citation.location().searchResultLocation().start()).isZero();
		assertThat(citation.location().searchResultLocation().end()).isEqualTo(1);
		assertThat(stub.lastRequest()
			.body()
			.path("messages")
			.get(0)
			.path("content")
			.get(1)
			.path("searchResult")
			.path("content")
			.get(1)
			.path("text")
			.asString()).isEqualTo("two");
	}

	@Test
	void searchResultsInToolResultsAreCited(BedrockStub stub) {
		ConverseResponse response = converse(stub,
				SdkClients.request("unused")
					.messages(SdkClients.user("Search the news"),
							Message.builder()
								.role(ConversationRole.ASSISTANT)
								.content(ContentBlock.fromToolUse(ToolUseBlock.builder()
									.toolUseId("t1")
									.name("search")
									.input(Document.mapBuilder().build())
									.build()))
								.build(),
							Message.builder()
								.role(ConversationRole.USER)
								.content(ContentBlock.fromToolResult(ToolResultBlock.builder()
									.toolUseId("t1")
									.content(
											ToolResultContentBlock
												.fromSearchResult(searchResult("news-1", "News", "It rained.")),
											ToolResultContentBlock.fromImage(ImageBlock.builder()
												.format(ImageFormat.PNG)
												.source(ImageSource.fromBytes(PNG))
												.build()))
									.build()), ContentBlock.fromText("[scenario:citations] Summarize"))
								.build())
					.build());

		var citation = response.output().message().content().get(0).citationsContent().citations().get(0);
		assertThat(citation.title()).isEqualTo("News");
		assertThat(citation.location().searchResultLocation().searchResultIndex()).isZero();
		assertThat(citation.location().searchResultLocation().end()).isZero();
	}

	@Test
	void documentsWithContextTextAndContentSourcesAreAccepted(BedrockStub stub) {
		ConverseResponse response = converse(stub, asking("Compare them.",
				ContentBlock.fromDocument(DocumentBlock.builder()
					.name("notes")
					.format(DocumentFormat.TXT)
					.context("Written by the CFO")
					.source(DocumentSource.fromText("Revenue grew."))
					.build()),
				ContentBlock.fromDocument(DocumentBlock.builder()
					.name("chunks")
					.format(DocumentFormat.TXT)
					.source(DocumentSource
						.fromContent(List.of(DocumentContentBlock.fromText("a"), DocumentContentBlock.fromText("b"))))
					.build())));

		assertThat(response.output().message().content().get(0).text()).startsWith("Echo: ");
	}

	@Test
	void everyAudioFormatAndABucketOwnerAreAccepted(BedrockStub stub) {
		List<ContentBlock> audio = new ArrayList<>();
		for (AudioFormat format : AudioFormat.knownValues()) {
			audio.add(ContentBlock.fromAudio(AudioBlock.builder()
				.format(format)
				.source(AudioSource.fromS3Location(
						S3Location.builder().uri("s3://bucket/a." + format).bucketOwner("123456789012").build()))
				.build()));
		}
		ConverseResponse response = converse(stub, asking("Transcribe.", audio.toArray(ContentBlock[]::new)));

		assertThat(response.output().message().content().get(0).text()).startsWith("Echo: ");
		assertThat(stub.lastRequest().body().path("messages").get(0).path("content"))
			.hasSize(AudioFormat.knownValues().size() + 1);
	}

	@Test
	void guardContentImagesAreAccepted(BedrockStub stub) {
		ConverseResponse response = converse(stub,
				asking("Is this fine?",
						ContentBlock.fromGuardContent(
								GuardrailConverseContentBlock.fromImage(GuardrailConverseImageBlock.builder()
									.format("png")
									.source(GuardrailConverseImageSource.fromBytes(PNG))
									.build()))));

		assertThat(response.output().message().content().get(0).text()).startsWith("Echo: ");
	}

	@Test
	void aSearchResultWithoutTitleOrContentIsRejected(BedrockStub stub) {
		assertThat(rejected(stub,
				asking("Who?",
						ContentBlock
							.fromSearchResult(SearchResultBlock.builder().source("s").content(List.of()).build()))))
			.isEqualTo("2 validation errors detected: Value null at 'messages.1.member.content.1.member.searchResult."
					+ "title' failed to satisfy constraint: Member must not be null; Value '[]' at 'messages.1.member."
					+ "content.1.member.searchResult.content' failed to satisfy constraint: Member must have length "
					+ "greater than or equal to 1");
	}

	@Test
	void aBucketOwnerThatIsNotAnAccountIdIsRejected(BedrockStub stub) {
		assertThat(rejected(stub,
				asking("What?", ContentBlock.fromImage(ImageBlock.builder()
					.format(ImageFormat.PNG)
					.source(ImageSource.fromS3Location(S3Location.builder().uri("s3://b/k").bucketOwner("me").build()))
					.build()))))
			.isEqualTo("1 validation error detected: Value 'me' at 'messages.1.member.content.1.member.image.source."
					+ "s3Location.bucketOwner' failed to satisfy constraint: Member must satisfy regular expression "
					+ "pattern: [0-9]{12}");
	}

	@Test
	void anUnknownAudioFormatAndAGifGuardImageAreRejected(BedrockStub stub) {
		String message = rejected(stub, asking("What?",
				ContentBlock.fromAudio(AudioBlock.builder().format("mid").source(AudioSource.fromBytes(PNG)).build()),
				ContentBlock
					.fromGuardContent(GuardrailConverseContentBlock.fromImage(GuardrailConverseImageBlock.builder()
						.format("gif")
						.source(GuardrailConverseImageSource.fromBytes(PNG))
						.build()))));
		assertThat(message).startsWith("2 validation errors detected: Value 'mid' at 'messages.1.member.content.1."
				+ "member.audio.format' failed to satisfy constraint: Member must satisfy enum value set: [mp3, opus")
			.endsWith("Value 'gif' at 'messages.1.member.content.2.member.guardContent.image.format' failed to "
					+ "satisfy constraint: Member must satisfy enum value set: [png, jpeg]");
	}

	@Test
	void aDocumentWithEmptyContentOrEmptyContextIsRejected(BedrockStub stub) {
		assertThat(rejected(stub,
				asking("What?",
						ContentBlock.fromDocument(DocumentBlock.builder()
							.name("d")
							.format(DocumentFormat.TXT)
							.context("")
							.source(DocumentSource.fromContent(List.of()))
							.build()))))
			.isEqualTo("2 validation errors detected: Value '' at 'messages.1.member.content.1.member.document."
					+ "context' failed to satisfy constraint: Member must have length greater than or equal to 1; "
					+ "Value '[]' at 'messages.1.member.content.1.member.document.source.content' failed to satisfy "
					+ "constraint: Member must have length greater than or equal to 1");
	}

}
