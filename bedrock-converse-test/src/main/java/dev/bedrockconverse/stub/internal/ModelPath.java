package dev.bedrockconverse.stub.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Routes a raw request path to a Bedrock Runtime operation.
 *
 * <p>
 * The path is split on literal {@code /} <em>before</em> percent-decoding, because
 * clients percent-encode the {@code /} and {@code :} of inference-profile ARNs into a
 * single path segment.
 *
 * @param operation {@code Converse}, {@code ConverseStream} or {@code CountTokens}
 * @param modelId the decoded model id
 */
public record ModelPath(String operation, String modelId) {

	/** The operation name of {@code POST /model/{modelId}/converse}. */
	public static final String CONVERSE = "Converse";

	/** The operation name of {@code POST /model/{modelId}/converse-stream}. */
	public static final String CONVERSE_STREAM = "ConverseStream";

	/** The operation name of {@code POST /model/{modelId}/count-tokens}. */
	public static final String COUNT_TOKENS = "CountTokens";

	/** The operation name recorded for any other method or path. */
	public static final String UNKNOWN = "UnknownOperation";

	/**
	 * Parses a request line.
	 * @param method the HTTP method
	 * @param rawPath the raw, percent-encoded path
	 * @return the route, or {@code null} if no operation is bound to it
	 */
	public static ModelPath parse(String method, String rawPath) {
		if (!"POST".equals(method) || rawPath == null) {
			return null;
		}
		String[] segments = rawPath.split("/", -1);
		if (segments.length != 4 || !segments[0].isEmpty() || !"model".equals(segments[1]) || segments[2].isEmpty()) {
			return null;
		}
		String operation = switch (segments[3]) {
			case "converse" -> CONVERSE;
			case "converse-stream" -> CONVERSE_STREAM;
			case "count-tokens" -> COUNT_TOKENS;
			default -> null;
		};
		if (operation == null) {
			return null;
		}
		String modelId = percentDecode(segments[2]);
		return (modelId != null) ? new ModelPath(operation, modelId) : null;
	}

	/**
	 * RFC 3986 percent-decoding; unlike {@code URLDecoder} it leaves {@code +} alone.
	 * @param segment an encoded path segment
	 * @return the decoded text, or {@code null} if an escape is malformed
	 */
	static String percentDecode(String segment) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%') {
				if (i + 2 >= segment.length()) {
					return null;
				}
				int hi = Character.digit(segment.charAt(i + 1), 16);
				int lo = Character.digit(segment.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					return null;
				}
				out.write((hi << 4) | lo);
				i += 2;
			}
			else {
				byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				out.write(bytes, 0, bytes.length);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
