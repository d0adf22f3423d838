package dev.bedrockconverse.stub.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bedrockconverse.stub.SignatureResult;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a request's {@code Authorization} header the way AWS does: by recomputing the
 * SigV4 signature with the AWS SDK's own signer from exactly what the client said it
 * signed, and comparing.
 *
 * <p>
 * The recomputation uses the client's credential scope region, the service name
 * {@value #SERVICE} (or {@code sts} for the stub's STS; other services in the scope are
 * rejected, as AWS does), the secret registered for the access key id in a
 * {@link CredentialsRegistry}, the signing time from {@code X-Amz-Date}, only the headers
 * listed in {@code SignedHeaders} (on HTTP/2 {@code host} is the {@code :authority}), the
 * raw percent-encoded path (the signer encodes it once more, as non-S3 services require)
 * and the payload hash from {@code x-amz-content-sha256} if the client sent one (checked
 * against the body) or else computed from the body. Clock skew is not checked, so
 * recorded requests can be replayed.
 *
 * <p>
 * Bedrock API keys ({@code Authorization: Bearer ...}) are compared to the configured
 * key. Secrets and keys are never logged.
 */
public final class SigV4Verifier {

	/** The SigV4 signing name of Bedrock Runtime. */
	public static final String SERVICE = "bedrock";

	private static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final CredentialsRegistry credentials;

	private final String apiKey;

	/**
	 * Creates a verifier for one set of credentials.
	 * @param accessKeyId the accepted access key id
	 * @param secretAccessKey its secret
	 * @param sessionToken the session token requests must carry, or {@code null} to
	 * accept any or none
	 * @param apiKey the accepted Bedrock API key, or {@code null} to refuse Bearer
	 * authentication
	 */
	public SigV4Verifier(String accessKeyId, String secretAccessKey, String sessionToken, String apiKey) {
		this(registryOf(accessKeyId, secretAccessKey, sessionToken), apiKey);
	}

	/**
	 * Creates a verifier for every set of credentials in a registry, including those
	 * registered later (temporary credentials issued by the stub's STS).
	 * @param credentials the accepted credentials
	 * @param apiKey the accepted Bedrock API key, or {@code null} to refuse Bearer
	 * authentication
	 */
	public SigV4Verifier(CredentialsRegistry credentials, String apiKey) {
		this.credentials = credentials;
		this.apiKey = apiKey;
	}

	private static CredentialsRegistry registryOf(String accessKeyId, String secretAccessKey, String sessionToken) {
		CredentialsRegistry registry = new CredentialsRegistry();
		registry.register(new CredentialsRegistry.Entry(accessKeyId, secretAccessKey, sessionToken));
		return registry;
	}

	/**
	 * The parts of an HTTP request a signature covers.
	 *
	 * @param method the HTTP method
	 * @param rawPath the path exactly as sent, still percent-encoded
	 * @param rawQuery the raw query string, or {@code null}
	 * @param authority {@code host[:port]} from the {@code Host} header or the HTTP/2
	 * {@code :authority}
	 * @param headers the headers, looked up case-insensitively
	 * @param body the body bytes
	 */
	public record SignedParts(String method, String rawPath, String rawQuery, String authority,
			Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

	}

	/**
	 * Verifies one Bedrock Runtime request (signing name {@value #SERVICE}).
	 * @param request the request
	 * @return the outcome
	 */
	public SignatureResult verify(SignedParts request) {
		return verify(request, SERVICE);
	}

	/**
	 * Verifies one request signed for a given service.
	 * @param request the request
	 * @param service the SigV4 signing name the credential scope must name, e.g.
	 * {@code bedrock} or {@code sts}
	 * @return the outcome
	 */
	public SignatureResult verify(SignedParts request, String service) {
		String authorization = request.header("Authorization");
		if (authorization == null || authorization.isBlank()) {
			return SignatureResult.MISSING;
		}
		authorization = authorization.trim();
		if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String presented = authorization.substring(7).trim();
			return (this.apiKey != null && constantTimeEquals(presented, this.apiKey)) ? SignatureResult.BEARER_VALID
					: SignatureResult.BEARER_INVALID;
		}
		if (!authorization.startsWith(ALGORITHM + " ")) {
			return SignatureResult.MALFORMED;
		}
		Map<String, String> fields = parseFields(authorization.substring(ALGORITHM.length() + 1));
		String credential = fields.get("Credential");
		String signedHeaders = fields.get("SignedHeaders");
		String signature = fields.get("Signature");
		String amzDate = request.header("X-Amz-Date");
		if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
			return SignatureResult.MALFORMED;
		}
		String[] scope = credential.split("/");
		if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
			return SignatureResult.MALFORMED;
		}
		CredentialsRegistry.Entry key = this.credentials.find(scope[0]);
		if (key == null) {
			return SignatureResult.UNKNOWN_ACCESS_KEY;
		}
		String presentedToken = request.header("X-Amz-Security-Token");
		if (key.sessionToken() != null
				&& (presentedToken == null || !constantTimeEquals(presentedToken, key.sessionToken()))) {
			return SignatureResult.INVALID_SESSION_TOKEN;
		}
		if (!service.equals(scope[3])) {
			return SignatureResult.INVALID;
		}
		Instant signingTime;
		try {
			signingTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return SignatureResult.MALFORMED;
		}
		String expected = recompute(request, key, service, scope[2], signingTime, signedHeaders.split(";"),
				presentedToken);
		return (expected != null && constantTimeEquals(expected, signature)) ? SignatureResult.VALID
				: SignatureResult.INVALID;
	}

	private String recompute(SignedParts request, CredentialsRegistry.Entry key, String service, String region,
			Instant signingTime, String[] signedHeaderNames, String presentedToken) {
		String contentSha256 = request.header("x-amz-content-sha256");
		boolean unsignedPayload = UNSIGNED_PAYLOAD.equals(contentSha256);
		if (contentSha256 != null && !unsignedPayload && !contentSha256.equalsIgnoreCase(sha256Hex(request.body()))) {
			// The client vouched for a different body than the one that arrived.
			return null;
		}
		// The scheme is not part of the canonical request; https is how the signer is
		// told to use UNSIGNED-PAYLOAD.
		String scheme = unsignedPayload ? "https" : "http";
		String query = (request.rawQuery() == null || request.rawQuery().isEmpty()) ? "" : "?" + request.rawQuery();
		SdkHttpRequest.Builder toSign;
		try {
			toSign = SdkHttpFullRequest.builder()
				.method(SdkHttpMethod.fromValue(request.method()))
				.uri(URI.create(scheme + "://" + request.authority() + request.rawPath() + query));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		boolean tokenSigned = false;
		for (String name : signedHeaderNames) {
			if (name.equals("host")) {
				toSign.putHeader("Host", request.authority());
				continue;
			}
			List<String> values = request.headers().get(name);
			if (values == null) {
				// The client claims to have signed a header that did not arrive.
				return null;
			}
			tokenSigned |= name.equals("x-amz-security-token");
			toSign.putHeader(name, values);
		}
		AwsCredentialsIdentity identity = (tokenSigned && presentedToken != null)
				? AwsSessionCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey(), presentedToken)
				: AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey());
		SignedRequest signed = this.signer.sign(SignRequest.builder(identity)
			.request(toSign.build())
			.payload(ContentStreamProvider.fromByteArray(request.body()))
			.putProperty(AwsV4HttpSigner.REGION_NAME, region)
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
			.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC))
			.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)
			.build());
		String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
		return parseFields(authorization.substring(Math.min(authorization.length(), ALGORITHM.length() + 1)))
			.get("Signature");
	}

	private static Map<String, String> parseFields(String text) {
		Map<String, String> fields = new HashMap<>();
		for (String part : text.split(",")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
			}
		}
		return fields;
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha256Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
