package dev.bedrockconverse.stub.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream.Listener;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.SignatureResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests recorded from signers nobody here wrote (the AWS SDK for JavaScript v3 over
 * HTTP/1.1 and HTTP/2, and botocore; see {@code sigv4/recording/}) verify with the stub's
 * verifier at the date they were recorded, and fail once tampered with. JDK only: no node
 * or Python needed.
 */
class RecordedSignaturesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	static Stream<Fixture> fixtures() throws IOException, URISyntaxException {
		URL dir = RecordedSignaturesTests.class.getResource("/sigv4/fixtures");
		try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
			List<Path> sorted = files.filter((f) -> f.toString().endsWith(".json")).sorted().toList();
			assertThat(sorted).hasSizeGreaterThanOrEqualTo(9);
			List<Fixture> fixtures = new ArrayList<>();
			for (Path file : sorted) {
				JsonNode node = JSON.readTree(file.toFile());
				List<Map.Entry<String, String>> headers = new ArrayList<>();
				for (JsonNode header : node.get("headers")) {
					headers.add(Map.entry(header.get(0).asString(), header.get(1).asString()));
				}
				fixtures.add(new Fixture(node.get("name").asString(), node.get("client").asString(),
						node.get("protocol").asString(), node.get("method").asString(), node.get("path").asString(),
						headers, node.get("body").asString()));
			}
			return fixtures.stream();
		}
	}

	static Stream<Fixture> http1Fixtures() throws IOException, URISyntaxException {
		return fixtures().filter((f) -> f.protocol().equals("HTTP/1.1"));
	}

	static Stream<Fixture> http2Fixtures() throws IOException, URISyntaxException {
		return fixtures().filter((f) -> f.protocol().equals("HTTP/2.0"));
	}

	private static SigV4Verifier verifierAt(Instant now) {
		return verifierAt(now, BedrockStub.TEST_SECRET_ACCESS_KEY);
	}

	private static SigV4Verifier verifierAt(Instant now, String secret) {
		CredentialsRegistry registry = new CredentialsRegistry();
		registry.register(new CredentialsRegistry.Entry(BedrockStub.TEST_ACCESS_KEY_ID, secret, null));
		return new SigV4Verifier(registry, null, Clock.fixed(now, ZoneOffset.UTC));
	}

	private static SignatureResult verify(Fixture fixture) {
		return verifierAt(fixture.date()).verify(fixture.parts());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void recordedRequestVerifiesAtItsDate(Fixture fixture) {
		assertThat(fixture.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
		assertThat(verify(fixture)).as(fixture.client()).isEqualTo(SignatureResult.VALID);
		// Within the five minutes AWS allows, either way.
		assertThat(verifierAt(fixture.date().plus(Duration.ofMinutes(4))).verify(fixture.parts()))
			.isEqualTo(SignatureResult.VALID);
		assertThat(verifierAt(fixture.date().minus(Duration.ofMinutes(4))).verify(fixture.parts()))
			.isEqualTo(SignatureResult.VALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void signedHeaderNamesInAnyCase(Fixture fixture) {
		Fixture upper = fixture.withHeader("authorization", (authorization) -> {
			int start = authorization.indexOf("SignedHeaders=");
			int end = authorization.indexOf(',', start);
			return authorization.substring(0, start) + authorization.substring(start, end)
				.toUpperCase(java.util.Locale.ROOT)
				.replace("SIGNEDHEADERS", "SignedHeaders") + authorization.substring(end);
		});
		assertThat(upper.header("authorization")).contains("CONTENT-TYPE");
		assertThat(verify(upper)).isEqualTo(SignatureResult.VALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void tamperedBodyFails(Fixture fixture) {
		assertThat(verify(fixture.withBody(fixture.body().replace("Hello", "Jello"))))
			.isEqualTo(SignatureResult.INVALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void tamperedSignedHeaderFails(Fixture fixture) {
		assertThat(verify(fixture.withHeader("content-type", (v) -> v + ";charset=utf-8")))
			.isEqualTo(SignatureResult.INVALID);
		String authority = (fixture.header(":authority") != null) ? ":authority" : "host";
		assertThat(verify(fixture.withHeader(authority, (v) -> v.replace("127.0.0.1", "localhost"))))
			.isEqualTo(SignatureResult.INVALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void pathDecodedOnceFails(Fixture fixture) {
		// The client encoded ':' (and '/') in the model id; a path that differs only in
		// that encoding is a different request.
		assertThat(fixture.path()).contains("%3A");
		assertThat(verify(fixture.withPath(fixture.path().replace("%3A", ":")))).isEqualTo(SignatureResult.INVALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void wrongSecretFails(Fixture fixture) {
		assertThat(verifierAt(fixture.date(), "wrong-secret").verify(fixture.parts()))
			.isEqualTo(SignatureResult.INVALID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void unknownAccessKeyIsUnrecognized(Fixture fixture) {
		CredentialsRegistry registry = new CredentialsRegistry();
		registry.register(new CredentialsRegistry.Entry("AKIDOTHER", BedrockStub.TEST_SECRET_ACCESS_KEY, null));
		SigV4Verifier verifier = new SigV4Verifier(registry, null, Clock.fixed(fixture.date(), ZoneOffset.UTC));
		assertThat(verifier.verify(fixture.parts())).isEqualTo(SignatureResult.UNKNOWN_ACCESS_KEY);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void requestOlderOrNewerThanFiveMinutesIsRefused(Fixture fixture) {
		String date = fixture.header("x-amz-date");
		SigV4Verifier.Verification late = verifierAt(fixture.date().plus(Duration.ofMinutes(5).plusSeconds(1)))
			.verifyWithMessage(fixture.parts(), SigV4Verifier.SERVICE);
		assertThat(late.result()).isEqualTo(SignatureResult.EXPIRED);
		assertThat(late.message()).startsWith("Signature expired: " + date + " is now earlier than ")
			.endsWith(" - 5 min.)");
		SigV4Verifier.Verification early = verifierAt(fixture.date().minus(Duration.ofMinutes(6)))
			.verifyWithMessage(fixture.parts(), SigV4Verifier.SERVICE);
		assertThat(early.result()).isEqualTo(SignatureResult.EXPIRED);
		assertThat(early.message()).startsWith("Signature not yet current: " + date + " is still later than ");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void credentialScopeDateOtherThanTheRequestDateIsRefused(Fixture fixture) {
		String date = fixture.header("x-amz-date");
		Fixture otherDay = fixture.withHeader("authorization", (authorization) -> authorization
			.replace("AKIDEXAMPLE/" + date.substring(0, 8), "AKIDEXAMPLE/20200101"));
		SigV4Verifier.Verification verification = verifierAt(fixture.date()).verifyWithMessage(otherDay.parts(),
				SigV4Verifier.SERVICE);
		assertThat(verification.result()).isEqualTo(SignatureResult.EXPIRED);
		assertThat(verification.message())
			.isEqualTo("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
					+ "'20200101' != '" + date.substring(0, 8) + "', from '" + date + "'.");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void credentialScopedToAnotherServiceIsRefused(Fixture fixture) {
		SigV4Verifier.Verification verification = verifierAt(fixture.date()).verifyWithMessage(fixture.parts(), "sts");
		assertThat(verification.result()).isEqualTo(SignatureResult.INVALID);
		assertThat(verification.message()).isEqualTo("Credential should be scoped to correct service: 'sts'. ");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http1Fixtures")
	void replayedOverTheWireTheStubServesIt(Fixture fixture) throws IOException {
		try (BedrockStub stub = stubAt(fixture.date())) {
			assertThat(replay(stub, fixture)).startsWith("HTTP/1.1 200 ");
			assertServedValid(stub, "HTTP/1.1");
			assertThat(replay(stub, fixture.withBody(fixture.body().replace("Hello", "Jello"))))
				.startsWith("HTTP/1.1 403 ")
				.contains("x-amzn-ErrorType: InvalidSignatureException:");
		}
		Clock anHourLater = Clock.fixed(fixture.date().plus(Duration.ofHours(1)), ZoneOffset.UTC);
		try (BedrockStub stub = BedrockStub.builder().clock(anHourLater).build().start()) {
			assertThat(replay(stub, fixture)).startsWith("HTTP/1.1 403 ")
				.contains("x-amzn-ErrorType: InvalidSignatureException:")
				.contains("Signature expired: " + fixture.header("x-amz-date") + " is now earlier than ");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("http2Fixtures")
	void replayedOverHttp2TheStubServesIt(Fixture fixture) throws Exception {
		try (BedrockStub stub = stubAt(fixture.date())) {
			assertThat(replayHttp2(stub, fixture)).isEqualTo(200);
			assertServedValid(stub, "HTTP/2.0");
			assertThat(replayHttp2(stub, fixture.withHeader(":authority", (a) -> a.replace("127.0.0.1", "localhost"))))
				.isEqualTo(403);
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID);
		}
	}

	private static BedrockStub stubAt(Instant now) {
		return BedrockStub.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build().start();
	}

	private static void assertServedValid(BedrockStub stub, String protocol) {
		assertThat(stub.lastRequest().protocol()).isEqualTo(protocol);
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
		assertThat(stub.lastRequest().modelId()).contains(":");
	}

	/**
	 * Sends the recorded HTTP/2 request with its own {@code :authority}, path, headers
	 * and body over a cleartext HTTP/2 connection; returns the response status.
	 */
	private static int replayHttp2(BedrockStub stub, Fixture fixture) throws Exception {
		HTTP2Client client = new HTTP2Client();
		client.start();
		try {
			Session session = client.connect(new InetSocketAddress("127.0.0.1", stub.port()), new Session.Listener() {
			}).get(5, TimeUnit.SECONDS);
			HttpFields.Mutable fields = HttpFields.build();
			fixture.headers()
				.stream()
				.filter((h) -> !h.getKey().startsWith(":"))
				.forEach((h) -> fields.add(h.getKey(), h.getValue()));
			MetaData.Request request = new MetaData.Request(fixture.method(),
					HttpURI.build("http://" + fixture.header(":authority") + fixture.path()), HttpVersion.HTTP_2,
					fields);
			CompletableFuture<Integer> status = new CompletableFuture<>();
			Listener listener = new Listener() {
				@Override
				public void onHeaders(org.eclipse.jetty.http2.api.Stream stream, HeadersFrame frame) {
					if (frame.getMetaData() instanceof MetaData.Response response) {
						status.complete(response.getStatus());
					}
				}
			};
			org.eclipse.jetty.http2.api.Stream stream = session
				.newStream(new HeadersFrame(request, null, false), listener)
				.get(5, TimeUnit.SECONDS);
			stream.data(new DataFrame(stream.getId(), ByteBuffer.wrap(fixture.body().getBytes(StandardCharsets.UTF_8)),
					true));
			return status.get(10, TimeUnit.SECONDS);
		}
		finally {
			client.stop();
		}
	}

	/** Sends the recorded bytes as they were: request line, headers in order, body. */
	private static String replay(BedrockStub stub, Fixture fixture) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", stub.port())) {
			StringBuilder head = new StringBuilder(fixture.method() + " " + fixture.path() + " HTTP/1.1\r\n");
			for (Map.Entry<String, String> header : fixture.headers()) {
				if (!header.getKey().equalsIgnoreCase("connection")) {
					head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
				}
			}
			head.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(fixture.body().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	record Fixture(String name, String client, String protocol, String method, String path,
			List<Map.Entry<String, String>> headers, String body) {

		String header(String name) {
			return this.headers.stream()
				.filter((h) -> h.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
		}

		Instant date() {
			return LocalDateTime.parse(header("x-amz-date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
		}

		SigV4Verifier.SignedParts parts() {
			Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (Map.Entry<String, String> header : this.headers) {
				if (!header.getKey().startsWith(":")) {
					map.computeIfAbsent(header.getKey(), (k) -> new ArrayList<>()).add(header.getValue());
				}
			}
			String authority = (header(":authority") != null) ? header(":authority") : header("host");
			int q = this.path.indexOf('?');
			return new SigV4Verifier.SignedParts(this.method, (q < 0) ? this.path : this.path.substring(0, q),
					(q < 0) ? null : this.path.substring(q + 1), authority, map,
					this.body.getBytes(StandardCharsets.UTF_8));
		}

		Fixture withHeader(String name, UnaryOperator<String> change) {
			List<Map.Entry<String, String>> changed = new ArrayList<>();
			for (Map.Entry<String, String> header : this.headers) {
				changed.add(header.getKey().equalsIgnoreCase(name)
						? Map.entry(header.getKey(), change.apply(header.getValue())) : header);
			}
			return new Fixture(this.name, this.client, this.protocol, this.method, this.path, changed, this.body);
		}

		Fixture withPath(String path) {
			return new Fixture(this.name, this.client, this.protocol, this.method, path, this.headers, this.body);
		}

		Fixture withBody(String body) {
			return new Fixture(this.name, this.client, this.protocol, this.method, this.path, this.headers, body);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
