package dev.bedrockconverse.stub.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.ResponseOutcome;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

/**
 * The Jetty handler that plays Bedrock Runtime: routes, records, authenticates,
 * validates, then answers each request.
 *
 * <p>
 * STS Query requests ({@code POST /}, form-encoded) go to the {@link StsHandler}, when
 * there is one. For Bedrock Runtime the order follows AWS: an unknown operation is a 404
 * {@code UnknownOperationException}; then authentication (403s); then body validation
 * (400 {@code ValidationException}); then the scripted or default answer. Every response
 * carries a fresh {@code x-amzn-RequestId}.
 */
public final class StubHttpHandler extends Handler.Abstract {

	private static final Logger logger = LoggerFactory.getLogger(StubHttpHandler.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

	private final SigV4Verifier verifier;

	private final Consumer<RecordedRequest> recorder;

	private final Supplier<StubAnswer> answers;

	private final StsHandler sts;

	private final Consumer<ResponseOutcome> outcomes;

	private final boolean validateRequests;

	/**
	 * Creates the handler, without STS and outcome recording.
	 * @param verifier the signature verifier, or {@code null} when enforcement is off
	 * @param recorder receives every request
	 * @param answers yields the next scripted answer, or {@code null} for the default
	 * echo
	 */
	public StubHttpHandler(SigV4Verifier verifier, Consumer<RecordedRequest> recorder, Supplier<StubAnswer> answers) {
		this(verifier, recorder, answers, null);
	}

	/**
	 * Creates the handler without outcome recording.
	 * @param verifier the signature verifier, or {@code null} when enforcement is off
	 * @param recorder receives every request
	 * @param answers yields the next scripted answer, or {@code null} for the default
	 * echo
	 * @param sts answers STS Query requests ({@code POST /}, form-encoded), or
	 * {@code null} for none
	 */
	public StubHttpHandler(SigV4Verifier verifier, Consumer<RecordedRequest> recorder, Supplier<StubAnswer> answers,
			StsHandler sts) {
		this(verifier, recorder, answers, sts, (outcome) -> {
		});
	}

	/**
	 * Creates the handler.
	 * @param verifier the signature verifier, or {@code null} when enforcement is off
	 * @param recorder receives every request
	 * @param answers yields the next scripted answer, or {@code null} for the default
	 * echo
	 * @param sts answers STS Query requests ({@code POST /}, form-encoded), or
	 * {@code null} for none
	 * @param outcomes receives how each response ended
	 */
	public StubHttpHandler(SigV4Verifier verifier, Consumer<RecordedRequest> recorder, Supplier<StubAnswer> answers,
			StsHandler sts, Consumer<ResponseOutcome> outcomes) {
		this(verifier, recorder, answers, sts, outcomes, true);
	}

	/**
	 * Creates the handler.
	 * @param verifier the signature verifier, or {@code null} when enforcement is off
	 * @param recorder receives every request
	 * @param answers yields the next scripted answer, or {@code null} for the default
	 * echo
	 * @param sts answers STS Query requests ({@code POST /}, form-encoded), or
	 * {@code null} for none
	 * @param outcomes receives how each response ended
	 * @param validateRequests whether to reject what Bedrock rejects (see
	 * {@link ConverseRequestValidator}), or only bodies the stub cannot answer
	 */
	public StubHttpHandler(SigV4Verifier verifier, Consumer<RecordedRequest> recorder, Supplier<StubAnswer> answers,
			StsHandler sts, Consumer<ResponseOutcome> outcomes, boolean validateRequests) {
		// Blocking: the handler reads the whole body and writes the stream event by event
		// on its own thread.
		super(InvocationType.BLOCKING);
		this.verifier = verifier;
		this.recorder = recorder;
		this.answers = answers;
		this.sts = sts;
		this.outcomes = outcomes;
		this.validateRequests = validateRequests;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		String requestId = UUID.randomUUID().toString();
		response.getHeaders().put("x-amzn-RequestId", requestId);
		HttpURI uri = request.getHttpURI();
		String rawPath = uri.getPath();
		byte[] body = Content.Source.asInputStream(request).readAllBytes();
		String bodyText = new String(body, StandardCharsets.UTF_8);
		Map<String, List<String>> headers = headersOf(request);
		String authority = authorityOf(request, headers);
		String protocol = request.getConnectionMetaData().getHttpVersion().asString();
		if (this.sts != null
				&& StsHandler.accepts(request.getMethod(), rawPath, StsHandler.first(headers, "Content-Type"))) {
			handleSts(new SigV4Verifier.SignedParts(request.getMethod(), rawPath, uri.getQuery(), authority, headers,
					body), bodyText, protocol, response, callback);
			return true;
		}

		ModelPath route = ModelPath.parse(request.getMethod(), rawPath);
		SigV4Verifier.Verification verification = (this.verifier == null)
				? new SigV4Verifier.Verification(SignatureResult.NOT_CHECKED, null)
				: this.verifier.verifyWithMessage(new SigV4Verifier.SignedParts(request.getMethod(), rawPath,
						uri.getQuery(), authority, headers, body), SigV4Verifier.SERVICE);
		SignatureResult signature = verification.result();
		JsonNode json = parse(bodyText);
		RecordedRequest recorded = new RecordedRequest((route != null) ? route.operation() : ModelPath.UNKNOWN,
				(route != null) ? route.modelId() : null, request.getMethod(), rawPath,
				(json != null) ? json : MissingNode.getInstance(), bodyText, headers, protocol, signature);
		this.recorder.accept(recorded);
		logger.debug("{} {} over {} for model {}: signature {}", recorded.method(), recorded.operation(), protocol,
				recorded.modelId(), signature);

		String operation = recorded.operation();
		// Streams record their own, more detailed outcome.
		Callback recording = recordingOutcome(callback, requestId, operation, response);
		if (route == null) {
			writeError(response, recording, ErrorReply.coral(404, "UnknownOperationException", null));
			return true;
		}
		ErrorReply authError = authenticationError(verification);
		if (authError != null) {
			writeError(response, recording, authError);
			return true;
		}
		if (ModelPath.COUNT_TOKENS.equals(route.operation())) {
			Object counted = CountTokens.count(json, route.modelId(), this.validateRequests);
			if (counted instanceof ErrorReply error) {
				writeError(response, recording, error);
			}
			else {
				response.setStatus(200);
				response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
				Content.Sink.write(response, true, JSON.writeValueAsString(counted), recording);
			}
			return true;
		}
		ErrorReply invalid = ConverseRequestValidator.validate(json, route.modelId(), this.validateRequests);
		if (invalid != null) {
			writeError(response, recording, invalid);
			return true;
		}
		AnswerPlanner.Plan plan = AnswerPlanner.plan(json, this.answers.get());
		if (plan.error() != null) {
			writeError(response, recording, plan.error());
		}
		else if (ModelPath.CONVERSE.equals(route.operation())) {
			writeConverse(response, recording, json, plan);
		}
		else {
			writeStream(request, response, callback, plan.events(), requestId, operation);
		}
		return true;
	}

	/**
	 * Wraps the callback so that a non-stream response's end is recorded too.
	 * @param callback the callback
	 * @param requestId the request id
	 * @param operation the operation
	 * @param response the response
	 * @return the callback, wrapped so that a non-stream response's end is recorded too
	 */
	private Callback recordingOutcome(Callback callback, String requestId, String operation, Response response) {
		return Callback.from(() -> {
			this.outcomes.accept(new ResponseOutcome(requestId, operation, response.getStatus(),
					ResponseOutcome.Ending.COMPLETED, 0));
			callback.succeeded();
		}, (failure) -> {
			this.outcomes.accept(new ResponseOutcome(requestId, operation, response.getStatus(),
					ResponseOutcome.Ending.CLIENT_GONE, 0));
			callback.failed(failure);
		});
	}

	private void handleSts(SigV4Verifier.SignedParts parts, String bodyText, String protocol, Response response,
			Callback callback) {
		StsHandler.Reply reply = this.sts.handle(parts, response.getHeaders().get("x-amzn-RequestId"));
		this.recorder.accept(new RecordedRequest(reply.operation(), null, parts.method(), parts.rawPath(),
				MissingNode.getInstance(), bodyText, parts.headers(), protocol, reply.signature()));
		logger.debug("{} {} over {}: signature {}, status {}", parts.method(), reply.operation(), protocol,
				reply.signature(), reply.status());
		response.setStatus(reply.status());
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
		Content.Sink.write(response, true, reply.xml(), callback);
	}

	private static ErrorReply authenticationError(SigV4Verifier.Verification verification) {
		if (verification.message() != null) {
			return ErrorReply.coral(403, "InvalidSignatureException", verification.message());
		}
		return switch (verification.result()) {
			case VALID, NOT_CHECKED, BEARER_VALID -> null;
			case MISSING ->
				ErrorReply.coral(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
			case MALFORMED -> ErrorReply.coral(400, "IncompleteSignatureException",
					"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and an "
							+ "X-Amz-Date header.");
			case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN -> ErrorReply.coral(403, "UnrecognizedClientException",
					"The security token included in the request is invalid.");
			case INVALID, EXPIRED -> ErrorReply.coral(403, "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided. Check your AWS "
							+ "Secret Access Key and signing method. Consult the service documentation for details.");
			case BEARER_INVALID -> ErrorReply.bedrock(403, "AccessDeniedException",
					"Authentication failed: Please make sure your API Key is valid.");
		};
	}

	private static void writeConverse(Response response, Callback callback, JsonNode request, AnswerPlanner.Plan plan) {
		List<StubEvent> events = plan.events();
		// The model "generates" the whole answer before Converse responds: all pauses add
		// up.
		pause(events.stream().map(StubEvent::delay).reduce(java.time.Duration.ZERO, java.time.Duration::plus));
		Object folded = AnswerPlanner.fold(request, events);
		if (folded instanceof ErrorReply error) {
			writeError(response, callback, error);
			return;
		}
		if (plan.converseContent() != null) {
			// A content answer: Converse returns exactly the scripted blocks.
			ArrayNode content = ((ObjectNode) ((ObjectNode) folded).path("output").path("message")).putArray("content");
			plan.converseContent().forEach((block) -> content.add(block.deepCopy()));
		}
		response.setStatus(200);
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
		Content.Sink.write(response, true, JSON.writeValueAsString(folded), callback);
	}

	private void writeStream(Request request, Response response, Callback callback, List<StubEvent> events,
			String requestId, String operation) {
		response.setStatus(200);
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
		int written = 0;
		try {
			for (StubEvent event : events) {
				// Before the first write nothing is committed, so a pause on the first
				// event delays the headers too.
				pause(event.delay());
				if (event.fault() == StubEvent.Fault.CONNECTION_RESET) {
					request.getConnectionMetaData().getConnection().getEndPoint().close();
					finish(callback, new IOException("connection reset by the stub"), requestId, operation, written,
							ResponseOutcome.Ending.FAULT_INJECTED);
					return;
				}
				ByteBuffer frame = EventStreamFramer.frame(event);
				if (event.fault() == StubEvent.Fault.TRUNCATED_FRAME) {
					frame.limit(frame.position() + frame.remaining() / 2);
					Content.Sink.write(response, true, frame);
					this.outcomes.accept(new ResponseOutcome(requestId, operation, 200,
							ResponseOutcome.Ending.FAULT_INJECTED, written));
					callback.succeeded();
					return;
				}
				// A blocking write per event: each event leaves as its own chunk/DATA
				// frame, so clients see deltas
				// as they are "generated" rather than all at the end.
				Content.Sink.write(response, false, frame);
				written++;
			}
			// Blocking, so that a client that cancels after the last event is still told
			// apart from a completed one.
			Content.Sink.write(response, true, ByteBuffer.allocate(0));
			this.outcomes
				.accept(new ResponseOutcome(requestId, operation, 200, ResponseOutcome.Ending.COMPLETED, written));
			callback.succeeded();
		}
		catch (IOException ex) {
			logger.debug("Client went away mid-stream", ex);
			finish(callback, ex, requestId, operation, written, ResponseOutcome.Ending.CLIENT_GONE);
		}
	}

	private void finish(Callback callback, Throwable failure, String requestId, String operation, int written,
			ResponseOutcome.Ending ending) {
		this.outcomes.accept(new ResponseOutcome(requestId, operation, 200, ending, written));
		callback.failed(failure);
	}

	private static void pause(java.time.Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void writeError(Response response, Callback callback, ErrorReply error) {
		response.setStatus(error.status());
		response.getHeaders().put("x-amzn-ErrorType", error.errorTypeHeader());
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
		String body = (error.message() != null) ? JSON.createObjectNode().put("message", error.message()).toString()
				: "{}";
		Content.Sink.write(response, true, body, callback);
	}

	private static JsonNode parse(String bodyText) {
		if (bodyText.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(bodyText);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Map<String, List<String>> headersOf(Request request) {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (HttpField field : request.getHeaders()) {
			headers.computeIfAbsent(field.getName(), (name) -> new ArrayList<>()).add(field.getValue());
		}
		return headers;
	}

	private static String authorityOf(Request request, Map<String, List<String>> headers) {
		List<String> host = headers.get("Host");
		if (host != null && !host.isEmpty()) {
			return host.get(0);
		}
		// HTTP/2 carries the host in the :authority pseudo-header, which Jetty keeps in
		// the URI.
		HttpURI uri = request.getHttpURI();
		return (uri.getPort() > 0) ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
	}

}
