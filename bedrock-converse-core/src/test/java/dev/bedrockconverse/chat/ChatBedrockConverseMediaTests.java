package dev.bedrockconverse.chat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * User-message media through the real SDK clients against the stub, and the limits
 * checked before sending.
 */
class ChatBedrockConverseMediaTests extends StubModelFixture {

	private static final String MODEL = "amazon.nova-pro-v1:0";

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };

	private ChatBedrockConverse model() {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
	}

	private static Prompt prompt(Media... media) {
		return new Prompt(UserMessage.builder().text("What is in these?").media(List.of(media)).build());
	}

	private static Media media(String mimeType, Object data, String name) {
		Media.Builder builder = Media.builder().mimeType(MimeType.valueOf(mimeType)).name(name);
		if (data instanceof byte[] bytes) {
			builder.data(bytes);
		}
		else {
			builder.data(URI.create((String) data));
		}
		return builder.build();
	}

	private JsonNode sentContent() {
		return this.stub.lastRequest().body().path("messages").get(0).path("content");
	}

	@Test
	void callSendsImageDocumentVideoAndAudioBlocksBeforeTheText() {
		model().call(prompt(media("image/png", PNG, "chart"),
				media("application/pdf", new byte[] { 1 }, "Q3 report.pdf"),
				media("video/mp4", "s3://my-bucket/clip.mp4", "clip"), media("audio/wav", new byte[] { 2 }, "voice")));

		JsonNode content = sentContent();
		assertThat(content).hasSize(5);
		assertThat(content.get(0).path("image").path("format").asString()).isEqualTo("png");
		assertThat(content.get(0).path("image").path("source").path("bytes").asString())
			.isEqualTo(Base64.getEncoder().encodeToString(PNG));
		assertThat(content.get(1).path("document").path("format").asString()).isEqualTo("pdf");
		assertThat(content.get(1).path("document").path("name").asString()).isEqualTo("Q3 report-pdf");
		assertThat(content.get(2).path("video").path("format").asString()).isEqualTo("mp4");
		assertThat(content.get(2).path("video").path("source").path("s3Location").path("uri").asString())
			.isEqualTo("s3://my-bucket/clip.mp4");
		assertThat(content.get(3).path("audio").path("format").asString()).isEqualTo("wav");
		assertThat(content.get(4).path("text").asString()).isEqualTo("What is in these?");
	}

	@Test
	void streamSendsTheMediaToo() {
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();

		model.stream(prompt(media("image/webp", "s3://my-bucket/cat.webp", "cat"))).blockLast(Duration.ofSeconds(10));

		assertThat(this.stub.lastRequest().operation()).isEqualTo("ConverseStream");
		assertThat(sentContent().get(0).path("image").path("format").asString()).isEqualTo("webp");
		assertThat(sentContent().get(0).path("image").path("source").path("s3Location").path("uri").asString())
			.isEqualTo("s3://my-bucket/cat.webp");
	}

	@Test
	void unnamedAndDuplicateDocumentsGetValidUniqueNames() {
		Media unnamed = Media.builder().mimeType(MimeType.valueOf("text/csv")).data(new byte[] { 1 }).build();
		model().call(prompt(unnamed, media("text/markdown", new byte[] { 1 }, "notes"),
				media("text/plain", new byte[] { 1 }, "notes")));

		JsonNode content = sentContent();
		assertThat(content.get(0).path("document").path("name").asString()).isEqualTo("document-1");
		assertThat(content.get(1).path("document").path("name").asString()).isEqualTo("notes");
		assertThat(content.get(2).path("document").path("name").asString()).isEqualTo("notes (2)");
	}

	@Test
	void moreThanTwentyImagesFailBeforeSendingNamingTheAttachment() {
		List<Media> images = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			images.add(media("image/jpeg", PNG, "photo" + i));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> model().call(prompt(images.toArray(Media[]::new))))
			.withMessageContaining("Attachment 20 ('photo20', image/jpeg) of message 0 is image number 21")
			.withMessageContaining("at most 20 images");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void aDocumentOverFourAndAHalfMegabytesFailsBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model().call(prompt(media("application/pdf", new byte[4_500_001], "big"))))
			.withMessageContaining("Attachment 0 ('big', application/pdf)")
			.withMessageContaining("at most 4.5 MB");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void anImageOverThreePointSevenFiveMegabytesFailsBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model().call(prompt(media("image/png", new byte[3_750_001], "huge"))))
			.withMessageContaining("'huge'")
			.withMessageContaining("at most 3.75 MB");
	}

	@Test
	void sixDocumentsFailBeforeSending() {
		List<Media> documents = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			documents.add(media("text/plain", new byte[] { 1 }, "doc" + i));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> model().call(prompt(documents.toArray(Media[]::new))))
			.withMessageContaining("'doc5'")
			.withMessageContaining("at most 5 documents");
	}

	@Test
	void anHttpLocationIsRefusedRatherThanFetched() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model().call(prompt(media("image/png", "https://example.com/a.png", "remote"))))
			.withMessageContaining("'remote'")
			.withMessageContaining("bytes or as an s3:// location");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void anUnsupportedMimeTypeFailsBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model().call(prompt(media(MimeTypeUtils.APPLICATION_OCTET_STREAM_VALUE, PNG, "blob"))))
			.withMessageContaining("'blob'")
			.withMessageContaining("MIME type Converse does not accept");
	}

}
