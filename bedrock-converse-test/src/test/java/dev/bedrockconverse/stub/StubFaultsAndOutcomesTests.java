package dev.bedrockconverse.stub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The faults, pauses and padding a test can script with {@link StubEvent}, and the
 * {@link ResponseOutcome}s the stub records, checked on the wire with a plain HTTP
 * client.
 */
class StubFaultsAndOutcomesTests {

	@RegisterExtension
	static final BedrockStubExtension unsigned = BedrockStubExtension.builder().enforceSignatures(false).build();

	private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpRequest streamRequest() {
		return HttpRequest.newBuilder(URI.create(unsigned.get().endpoint() + "/model/m/converse-stream"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(BODY))
			.build();
	}

	private byte[] stream() throws IOException, InterruptedException {
		return this.http.send(streamRequest(), HttpResponse.BodyHandlers.ofByteArray()).body();
	}

	private static List<ResponseOutcome> awaitOutcomes(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (unsigned.get().outcomes().size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return unsigned.get().outcomes();
	}

	@Test
	void aStreamReadToTheEndIsRecordedAsCompletedWithItsEventCount() throws Exception {
		stream();

		List<ResponseOutcome> outcomes = awaitOutcomes(1);
		assertThat(outcomes).singleElement().satisfies((outcome) -> {
			assertThat(outcome.operation()).isEqualTo("ConverseStream");
			assertThat(outcome.status()).isEqualTo(200);
			assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.COMPLETED);
			assertThat(outcome.eventsWritten()).isEqualTo(6);
		});
	}

	@Test
	void aStreamTheClientAbandonsIsRecordedAsClientGone() throws Exception {
		unsigned.get()
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "a"),
					StubEvent.contentBlockDelta(0, " b").delayedBy(Duration.ofMillis(300)),
					StubEvent.contentBlockDelta(0, " c").delayedBy(Duration.ofMillis(300)))));
		HttpResponse<InputStream> response = this.http.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
		response.body().read();
		response.body().close();

		assertThat(awaitOutcomes(1)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.CLIENT_GONE));
	}

	@Test
	void aConverseAnswerAndAnErrorAreRecordedAsCompleted() throws Exception {
		unsigned.get().enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
		this.http.send(streamRequest(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(awaitOutcomes(1)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.status()).isEqualTo(503);
			assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.COMPLETED);
		});
	}

	@Test
	void aPauseHoldsBackTheEventAndOnTheFirstEventTheHeaders() throws Exception {
		unsigned.get()
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart().delayedBy(Duration.ofMillis(400)),
					StubEvent.messageStop("end_turn"))));
		long start = System.nanoTime();
		HttpResponse<InputStream> response = this.http.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
		long headersAfter = System.nanoTime() - start;
		response.body().readAllBytes();

		assertThat(Duration.ofNanos(headersAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void aBadCrcIsRejectedByTheSdkDecoder() throws Exception {
		unsigned.get()
			.enqueue(StubAnswer
				.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "a").withBadCrc())));
		byte[] body = stream();

		List<Message> decoded = new ArrayList<>();
		assertThatException().isThrownBy(() -> new MessageDecoder(decoded::add).feed(body))
			.withMessageContaining("checksum");
		assertThat(decoded).hasSize(1);
	}

	@Test
	void aTruncatedFrameLeavesHalfAMessageAndEndsTheResponse() throws Exception {
		unsigned.get()
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
					StubEvent.contentBlockDelta(0, "a").truncated(), StubEvent.messageStop("end_turn"))));
		byte[] body = stream();

		List<Message> decoded = new ArrayList<>();
		new MessageDecoder(decoded::add).feed(body);
		assertThat(decoded).hasSize(1);
		assertThat(awaitOutcomes(1)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.FAULT_INJECTED));
	}

	@Test
	void aRawPayloadIsSentAsIsAndPaddingIsAddedAsMemberP() throws Exception {
		unsigned.get()
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.rawPayload("contentBlockDelta", "{not json"),
					StubEvent.messageStart().withPadding("abcdef"))));
		List<Message> decoded = new ArrayList<>();
		new MessageDecoder(decoded::add).feed(stream());

		assertThat(decoded).extracting((m) -> new String(m.getPayload(), StandardCharsets.UTF_8))
			.containsExactly("{not json", "{\"role\":\"assistant\",\"p\":\"abcdef\"}");
	}

	@Test
	void aConnectionResetEndsTheResponseWithAnIoError() throws Exception {
		unsigned.get().enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.connectionReset())));

		assertThatIOException().isThrownBy(this::stream);
		assertThat(awaitOutcomes(1)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.FAULT_INJECTED));
	}

	@Test
	void lastRequestAndRequestsStayConsistentAndResetForgetsOutcomes() throws Exception {
		stream();
		stream();
		awaitOutcomes(2);

		assertThat(unsigned.get().requests()).hasSize(2).last().isEqualTo(unsigned.get().lastRequest());
		unsigned.get().reset();
		assertThat(unsigned.get().requests()).isEmpty();
		assertThat(unsigned.get().outcomes()).isEmpty();
	}

}
