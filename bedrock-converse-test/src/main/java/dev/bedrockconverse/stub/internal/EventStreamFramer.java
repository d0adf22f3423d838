package dev.bedrockconverse.stub.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.stub.StubEvent;

/**
 * Turns {@link StubEvent}s into binary {@code application/vnd.amazon.eventstream}
 * messages using the AWS SDK's own encoder, so prelude, header encoding and both CRCs are
 * exactly what AWS produces.
 */
public final class EventStreamFramer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EventStreamFramer() {
	}

	/**
	 * Encodes one event.
	 * @param event the event
	 * @return the framed message, ready to write
	 */
	public static ByteBuffer frame(StubEvent event) {
		// Insertion order only matters for byte-for-byte reproducibility; decoders look
		// headers up by name.
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		if (event.isException()) {
			headers.put(":exception-type", HeaderValue.fromString(event.type()));
			headers.put(":content-type", HeaderValue.fromString("application/json"));
			headers.put(":message-type", HeaderValue.fromString("exception"));
		}
		else {
			headers.put(":event-type", HeaderValue.fromString(event.type()));
			headers.put(":content-type", HeaderValue.fromString("application/json"));
			headers.put(":message-type", HeaderValue.fromString("event"));
		}
		String text = (event.fault() == StubEvent.Fault.RAW_PAYLOAD) ? event.rawPayload()
				: JSON.writeValueAsString(event.payload());
		ByteBuffer frame = new Message(headers, text.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
		if (event.fault() == StubEvent.Fault.BAD_CRC) {
			// The last four bytes are the message CRC: flipping one makes a decoder
			// reject the message.
			int last = frame.limit() - 1;
			frame.put(last, (byte) (frame.get(last) ^ 0xFF));
		}
		return frame;
	}

}
