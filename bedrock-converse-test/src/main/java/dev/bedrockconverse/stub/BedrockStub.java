package dev.bedrockconverse.stub;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.WindowRateControl;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bedrockconverse.stub.internal.CredentialsRegistry;
import dev.bedrockconverse.stub.internal.SigV4Verifier;
import dev.bedrockconverse.stub.internal.StsHandler;
import dev.bedrockconverse.stub.internal.StubHttpHandler;

/**
 * A Bedrock Runtime {@code Converse}/{@code ConverseStream} stub on {@code 127.0.0.1},
 * over real HTTP/1.1 and cleartext HTTP/2 (prior knowledge or {@code Upgrade: h2c}) on
 * the same port.
 *
 * <pre>{@code
 * try (BedrockStub stub = BedrockStub.builder().build().start()) {
 *     BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *         .endpointOverride(stub.endpoint())
 *         .region(Region.US_EAST_1)
 *         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *             BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY)))
 *         .build();
 *     ...
 * }
 * }</pre>
 *
 * <h2>Operations</h2> {@code POST /model/{modelId}/converse} answers
 * {@code application/json}; {@code POST /model/{modelId}/converse-stream} answers
 * {@code application/vnd.amazon.eventstream}: {@code messageStart}, one
 * {@code contentBlockDelta} per word, {@code contentBlockStop}, {@code messageStop},
 * {@code metadata}, each flushed on its own. Model ids are percent-decoded. Anything else
 * is a 404 {@code UnknownOperationException}.
 *
 * <h2>Default answer</h2> Unless an answer is {@link #enqueue(StubAnswer) queued}, the
 * model says {@code "Echo: "} followed by the concatenated text blocks of the newest user
 * message, streamed one word per delta with its leading space
 * ({@code "Echo:", " I", " love", " programming."}). The stop reason is {@code end_turn},
 * except:
 * <ul>
 * <li>if any of {@code inferenceConfig.stopSequences} occurs in the answer, the answer is
 * cut just before its earliest occurrence and the stop reason is
 * {@code stop_sequence};</li>
 * <li>if the answer then has more words than {@code inferenceConfig.maxTokens}, only the
 * first {@code maxTokens} words are kept and the stop reason is {@code max_tokens}.</li>
 * </ul>
 * Usage is deterministic: {@code inputTokens} counts the whitespace-separated words of
 * all {@code system} text blocks and all message text blocks, {@code outputTokens} the
 * words (deltas) of the answer, {@code totalTokens} their sum. {@code metrics.latencyMs}
 * is always {@code 1}.
 *
 * <h2>Tools, structured output and response fields</h2>
 * <ul>
 * <li>When the newest user message carries {@code toolResult} blocks, the answer is the
 * text {@code Tool <name> returned: <result>} per result, joined by a space
 * ({@code <name>} from the matching {@code toolUse}, {@code <result>} the result's text
 * blocks, or its {@code json} blocks as compact JSON); with an {@code outputConfig}
 * json_schema it is a JSON instance of that schema instead.</li>
 * <li>Otherwise, with {@code toolConfig} tools, the answer is a {@code toolUse} (stop
 * reason {@code tool_use}, id {@code tooluse_stub_<number of messages>}) of the forced
 * tool ({@code toolChoice.tool.name}) or else the first tool, its input generated from
 * the tool's JSON schema; ConverseStream sends the input in three fragments.</li>
 * <li>Otherwise, with {@code toolConfig} system tools ({@code systemTool.name}) only, the
 * answer is Nova's: with {@code nova_code_interpreter} a server-side {@code toolUse}
 * ({@code "type":"server_tool_use"}, id {@code tooluse_stub_code_<number of messages>})
 * and its {@code toolResult} of type {@code nova_code_interpreter_result}, then the echo;
 * with {@code nova_grounding} the echo cites {@code https://example.com/stub} (a
 * {@code web} location, domain {@code example.com}). A server-side tool use and its
 * results in an assistant turn of the history need no {@code toolResult} in the next
 * turn.</li>
 * <li>Otherwise, with {@code outputConfig.textFormat} of type {@code json_schema}, the
 * answer text is a compact JSON instance of the schema.</li>
 * </ul>
 * Instances follow the schema: {@code enum} → first value, {@code string} →
 * {@code "stub-<property name>"}, {@code integer}/{@code number} → {@code minimum} or 1,
 * {@code boolean} → {@code true}, {@code array} → one item, {@code object} → all its
 * properties in schema order; local {@code $ref}s and the first member of
 * {@code anyOf}/{@code oneOf} are followed. With
 * {@code additionalModelResponseFieldPaths}, the response (or the stream's
 * {@code messageStop}) carries {@code additionalModelResponseFields} with
 * {@code "stub-<last segment>"} at each path.
 *
 * <h2>Scenario directives</h2> A directive {@code [scenario:NAME key=value ...]} in the
 * newest user message (removed from the echo) picks a canned answer, so any client can
 * reach every case: {@code reasoning} (signed, optionally {@code redacted=true}),
 * {@code guardrail} (intervention with a trace), {@code citations}, {@code cache}
 * ({@code read=}, {@code write=}, {@code ttl=}) and {@code stop} ({@code reason=} any
 * stop reason). See {@link dev.bedrockconverse.stub.internal.Scenarios} for the details;
 * an unknown name is a 400 {@code ValidationException}.
 *
 * <h2>Validation and errors</h2> What Bedrock rejects gets its 400
 * {@code ValidationException} in Bedrock's words (switch off with
 * {@link Builder#validateRequests(boolean)}): non-JSON bodies, missing or empty
 * {@code messages}, conversations not starting with {@code user} or not alternating,
 * empty messages and blank text blocks, tool results not matching the previous turn's
 * tool uses, {@code toolConfig} without tools, more than four cache points,
 * {@code maxTokens < 1}, {@code temperature} or {@code topP} outside [0, 1], document
 * names Bedrock refuses, more than 20 images or 5 documents or larger than 3.75 MB / 4.5
 * MB, {@code requestMetadata} off its limits, more than ten
 * {@code additionalModelResponseFieldPaths}, and model ids off Bedrock's pattern. Errors
 * carry {@code x-amzn-ErrorType: Type:namespace} and a {@code {"message":...}} body, as
 * AWS sends them; every response has an {@code x-amzn-RequestId}.
 *
 * <h2>CountTokens</h2> {@code POST /model/{modelId}/count-tokens} with a Converse-shaped
 * input answers {@code {"inputTokens": N}}, counted exactly as Converse's usage;
 * inference profiles are refused, as by Bedrock.
 *
 * <h2>Authentication</h2> With {@link Builder#enforceSignatures(boolean) enforcement} on
 * (the default), every request's SigV4 signature is recomputed from the request as
 * received (any signed headers, HTTP/2 {@code :authority}, signed or
 * {@code UNSIGNED-PAYLOAD} bodies, session tokens) and compared: none is 403
 * {@code MissingAuthenticationTokenException}, a request dated more than five minutes
 * from the stub's {@link Builder#clock(Clock) clock} 403
 * {@code InvalidSignatureException} ("Signature expired"), an unknown access key (or a
 * wrong session token, when one is configured) 403 {@code UnrecognizedClientException}, a
 * wrong signature 403 {@code InvalidSignatureException}. Further long-term key pairs (one
 * AWS account per tenant, say) are accepted with
 * {@link Builder#additionalKeyPair(String, String)}; the recorded request's
 * {@link RecordedRequest#accessKeyId() access key id} and
 * {@link RecordedRequest#credentialScope() credential scope} show which key and region
 * signed each request. {@code Authorization: Bearer <key>} is accepted when it equals the
 * configured {@link Builder#apiKey(String) API key}. Every request is {@link #requests()
 * recorded} whatever the outcome.
 *
 * <h2>Pauses, faults and outcomes</h2> Scripted
 * {@link StubAnswer#streamEvents(java.util.List) events} can be
 * {@link StubEvent#delayedBy(java.time.Duration) delayed} (on the first event this also
 * holds back the headers), {@link StubEvent#withPadding(String) padded} with a
 * {@code "p"} member as Bedrock does, {@link StubEvent#truncated() truncated}, sent
 * {@link StubEvent#withBadCrc() with a bad CRC} or a
 * {@link StubEvent#rawPayload(String, String) raw payload} such as malformed JSON, or
 * replaced by a {@link StubEvent#connectionReset() connection reset}. How each response
 * ended (completed, the client gone, a fault injected) is recorded in
 * {@link #outcomes()}; {@link #openConnections()} counts the client connections still
 * open.
 *
 * <h2>STS</h2> The same port answers AWS STS {@code AssumeRole} (SigV4-signed for the
 * service {@code sts} with credentials the stub accepts) and
 * {@code AssumeRoleWithWebIdentity} (unsigned, with the
 * {@link Builder#webIdentityToken(String) configured token}) in the STS Query protocol:
 * point an {@code StsClient}'s endpoint override at {@link #endpoint()}. The temporary
 * credentials it issues are then accepted, with their session token, for Bedrock calls,
 * and listed by {@link #issuedCredentials()}; the recorded request's
 * {@link RecordedRequest#accessKeyId() access key id} shows which credentials signed a
 * call.
 *
 * <p>
 * Thread-safe. The stub never opens outbound connections.
 */
public final class BedrockStub implements AutoCloseable {

	/**
	 * The access key id the stub accepts by default: the AWS documentation's example key.
	 */
	public static final String TEST_ACCESS_KEY_ID = "AKIDEXAMPLE";

	/** The secret the stub accepts by default: the AWS documentation's example secret. */
	public static final String TEST_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final Logger logger = LoggerFactory.getLogger(BedrockStub.class);

	private static final String LOOPBACK = "127.0.0.1";

	private final int requestedPort;

	private final SigV4Verifier verifier;

	private final boolean validateRequests;

	private final CredentialsRegistry credentials = new CredentialsRegistry();

	private final StsHandler sts;

	private final List<IssuedCredentials> issued = new CopyOnWriteArrayList<>();

	// Lock-free appends: recording must stay cheap under load (a copy-on-write list made
	// every request O(n)).
	private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

	private final AtomicReference<RecordedRequest> last = new AtomicReference<>();

	private final Queue<ResponseOutcome> outcomes = new ConcurrentLinkedQueue<>();

	private final Queue<StubAnswer> answers = new ConcurrentLinkedQueue<>();

	private Server server;

	private ServerConnector connector;

	private int port = -1;

	private BedrockStub(Builder builder) {
		this.requestedPort = builder.port;
		this.validateRequests = builder.validateRequests;
		if (builder.accessKeyId != null && builder.secretAccessKey != null) {
			this.credentials.register(
					new CredentialsRegistry.Entry(builder.accessKeyId, builder.secretAccessKey, builder.sessionToken));
		}
		builder.additionalKeyPairs.forEach((accessKeyId, secretAccessKey) -> this.credentials
			.register(new CredentialsRegistry.Entry(accessKeyId, secretAccessKey, null)));
		this.verifier = builder.enforceSignatures ? new SigV4Verifier(this.credentials, builder.apiKey, builder.clock)
				: null;
		this.sts = new StsHandler(this.verifier, this.credentials, builder.webIdentityToken, builder.maxSessionDuration,
				this.issued::add);
	}

	/**
	 * A builder with the defaults: random port,
	 * {@link #TEST_ACCESS_KEY_ID}/{@link #TEST_SECRET_ACCESS_KEY}, no session token, no
	 * API key, signatures enforced.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Binds to {@code 127.0.0.1} and starts serving.
	 * @return this stub
	 * @throws IllegalStateException if it is already started or the port cannot be bound
	 */
	public synchronized BedrockStub start() {
		if (this.server != null) {
			throw new IllegalStateException("BedrockStub already started on port " + this.port);
		}
		QueuedThreadPool threads = new QueuedThreadPool();
		threads.setName("bedrock-stub");
		// Daemon threads: a stub a test forgot to close must not keep the JVM alive.
		threads.setDaemon(true);
		Server jetty = new Server(threads);

		HttpConfiguration config = new HttpConfiguration();
		config.setSendServerVersion(false);
		config.setSendXPoweredBy(false);
		// Clients percent-encode the '/' of inference-profile ARNs; Jetty's default
		// compliance would reject that as an
		// ambiguous path separator before the stub could decode it.
		config.setUriCompliance(UriCompliance.UNSAFE);
		HttpConnectionFactory http1 = new HttpConnectionFactory(config);
		// Listed on the same connector, h2c lets HTTP/1.1 connections switch to HTTP/2 on
		// the prior-knowledge preface
		// or an Upgrade: h2c request.
		HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
		// Jetty's rapid-reset defence closes a connection after ~128 "suspicious" frames
		// (e.g. RST_STREAM) a second.
		// Tests legitimately cancel hundreds of streams a second on one connection, so
		// the stub allows more.
		h2c.setRateControlFactory(new WindowRateControl.Factory(10_000));
		ServerConnector connector = new ServerConnector(jetty, http1, h2c);
		connector.setHost(LOOPBACK);
		connector.setPort(this.requestedPort);
		jetty.addConnector(connector);
		jetty.setHandler(new StubHttpHandler(this.verifier, this::record, this.answers::poll, this.sts,
				this.outcomes::add, this.validateRequests));
		try {
			jetty.start();
		}
		catch (Exception ex) {
			try {
				jetty.stop();
			}
			catch (Exception suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw new IllegalStateException("Could not start BedrockStub on " + LOOPBACK + ":" + this.requestedPort,
					ex);
		}
		this.server = jetty;
		this.connector = connector;
		this.port = connector.getLocalPort();
		logger.info("Bedrock stub listening on {} (signatures {})", endpoint(),
				(this.verifier != null) ? "enforced" : "not checked");
		return this;
	}

	/** Stops the server; queued answers and recorded requests stay readable. */
	@Override
	public synchronized void close() {
		if (this.server == null) {
			return;
		}
		try {
			this.server.stop();
		}
		catch (Exception ex) {
			logger.warn("Error stopping Bedrock stub on port {}", this.port, ex);
		}
		finally {
			this.server = null;
		}
	}

	/**
	 * The endpoint to give clients as their endpoint override.
	 * @return {@code http://127.0.0.1:PORT}
	 * @throws IllegalStateException before {@link #start()}
	 */
	public URI endpoint() {
		return URI.create("http://" + LOOPBACK + ":" + port());
	}

	/**
	 * The bound port.
	 * @return the port
	 * @throws IllegalStateException before {@link #start()}
	 */
	public int port() {
		if (this.port < 0) {
			throw new IllegalStateException("BedrockStub is not started");
		}
		return this.port;
	}

	/**
	 * The number of client connections open right now, to check that clients return or
	 * close their connections.
	 * @return the number of open connections, 0 when not started
	 */
	public int openConnections() {
		ServerConnector current = this.connector;
		return (current != null && this.server != null) ? current.getConnectedEndPoints().size() : 0;
	}

	/**
	 * Every request received since the start or the last {@link #reset()}, oldest first.
	 * @return an immutable snapshot
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(new ArrayList<>(this.requests));
	}

	private void record(RecordedRequest request) {
		this.requests.add(request);
		this.last.set(request);
	}

	/**
	 * How each response ended (completed, the client gone, or an injected fault), in the
	 * order they ended, since the start or the last {@link #reset()}. A stream's outcome
	 * is recorded when the stub notices its end: for a cancelled stream that is the next
	 * write after the cancellation.
	 * @return an immutable snapshot
	 */
	public List<ResponseOutcome> outcomes() {
		return List.copyOf(new ArrayList<>(this.outcomes));
	}

	/**
	 * The most recent request.
	 * @return the request
	 * @throws IllegalStateException if none was received
	 */
	public RecordedRequest lastRequest() {
		RecordedRequest request = this.last.get();
		if (request == null) {
			throw new IllegalStateException("The Bedrock stub has received no request");
		}
		return request;
	}

	/**
	 * Queues an answer; each authenticated, valid request takes the oldest queued answer,
	 * and gets the default echo when the queue is empty.
	 * @param answer the answer
	 */
	public void enqueue(StubAnswer answer) {
		this.answers.add(answer);
	}

	/**
	 * Every set of temporary credentials the stub's STS issued since the start or the
	 * last {@link #reset()}, oldest first.
	 * @return an immutable snapshot
	 */
	public List<IssuedCredentials> issuedCredentials() {
		return List.copyOf(new ArrayList<>(this.issued));
	}

	/**
	 * Forgets recorded requests, queued answers and the list of issued credentials (which
	 * stay valid, as in AWS, until they expire).
	 */
	public void reset() {
		this.requests.clear();
		this.last.set(null);
		this.outcomes.clear();
		this.answers.clear();
		this.issued.clear();
	}

	@Override
	public String toString() {
		return "BedrockStub[" + ((this.port < 0) ? "not started" : endpoint()) + "]";
	}

	/**
	 * Options of a {@link BedrockStub}. Secrets given here are never logged.
	 */
	public static final class Builder {

		private int port = 0;

		private String accessKeyId = TEST_ACCESS_KEY_ID;

		private String secretAccessKey = TEST_SECRET_ACCESS_KEY;

		private String sessionToken;

		private String apiKey;

		private boolean enforceSignatures = true;

		private String webIdentityToken;

		private Duration maxSessionDuration = Duration.ofHours(1);

		private Clock clock = Clock.systemUTC();

		private boolean validateRequests = true;

		private final Map<String, String> additionalKeyPairs = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Accept one more long-term key pair besides {@link #accessKeyId(String)}'s, as
		 * an AWS endpoint accepts the keys of every account: for tests of several
		 * tenants, each signing with its own keys. It is bound to no session token.
		 * @param accessKeyId the access key id
		 * @param secretAccessKey its secret
		 * @return this builder
		 */
		public Builder additionalKeyPair(String accessKeyId, String secretAccessKey) {
			this.additionalKeyPairs.put(Objects.requireNonNull(accessKeyId, "accessKeyId"),
					Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
			return this;
		}

		/**
		 * Whether to reject what Bedrock rejects with its 400
		 * {@code ValidationException}s (default true): blank text, conversations that do
		 * not start with a user turn or do not alternate, unanswered or unmatched tool
		 * results, tools missing from {@code toolConfig}, more than four cache points,
		 * inference parameters out of range, document names, image and document counts
		 * and sizes, request metadata, more than ten response field paths, model ids off
		 * Bedrock's pattern. When false the stub answers anything it can: a JSON object
		 * with a {@code messages} array.
		 * @param validateRequests whether to validate
		 * @return this builder
		 */
		public Builder validateRequests(boolean validateRequests) {
			this.validateRequests = validateRequests;
			return this;
		}

		/**
		 * The clock signed requests' {@code X-Amz-Date} must be within five minutes of,
		 * as AWS's; a request dated further away is a 403
		 * {@code InvalidSignatureException} ("Signature expired" or "Signature not yet
		 * current"). Default: the system clock. A fixed clock lets recorded requests be
		 * replayed.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * The web identity (OIDC) token STS {@code AssumeRoleWithWebIdentity} accepts;
		 * {@code null} (the default) refuses every token with
		 * {@code InvalidIdentityToken}.
		 * @param webIdentityToken the token
		 * @return this builder
		 */
		public Builder webIdentityToken(String webIdentityToken) {
			this.webIdentityToken = webIdentityToken;
			return this;
		}

		/**
		 * The maximum session duration of the roles STS lets callers assume (default one
		 * hour, as for a new IAM role); a longer {@code DurationSeconds} is a
		 * {@code ValidationError}.
		 * @param maxSessionDuration the maximum, between 15 minutes and 12 hours
		 * @return this builder
		 */
		public Builder maxSessionDuration(Duration maxSessionDuration) {
			this.maxSessionDuration = maxSessionDuration;
			return this;
		}

		/**
		 * The port to bind on {@code 127.0.0.1}.
		 * @param port the port, 0 (the default) for a random free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * The accepted access key id.
		 * @param accessKeyId the key id
		 * @return this builder
		 */
		public Builder accessKeyId(String accessKeyId) {
			this.accessKeyId = accessKeyId;
			return this;
		}

		/**
		 * The secret of the accepted access key.
		 * @param secretAccessKey the secret
		 * @return this builder
		 */
		public Builder secretAccessKey(String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
			return this;
		}

		/**
		 * A session token every signed request must carry in
		 * {@code X-Amz-Security-Token}; {@code null} (the default) accepts requests with
		 * any token or none.
		 * @param sessionToken the token
		 * @return this builder
		 */
		public Builder sessionToken(String sessionToken) {
			this.sessionToken = sessionToken;
			return this;
		}

		/**
		 * A Bedrock API key accepted as {@code Authorization: Bearer <key>}; {@code null}
		 * (the default) refuses Bearer authentication.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Whether to verify signatures (default true). When false every request is served
		 * and recorded as {@link SignatureResult#NOT_CHECKED}.
		 * @param enforceSignatures whether to verify
		 * @return this builder
		 */
		public Builder enforceSignatures(boolean enforceSignatures) {
			this.enforceSignatures = enforceSignatures;
			return this;
		}

		/**
		 * Creates the stub, not yet started.
		 * @return the stub
		 */
		public BedrockStub build() {
			if (this.enforceSignatures && (this.accessKeyId == null || this.secretAccessKey == null)) {
				throw new IllegalStateException("accessKeyId and secretAccessKey are required to enforce signatures");
			}
			return new BedrockStub(this);
		}

	}

}
