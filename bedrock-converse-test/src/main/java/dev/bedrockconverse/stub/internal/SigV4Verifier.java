package dev.bedrockconverse.stub.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.bedrockconverse.stub.SignatureResult;

/**
 * Checks a request's {@code Authorization} header the way AWS does: by rebuilding the
 * SigV4 canonical request from the request as received and what the client said it
 * signed, recomputing the signature with the secret of the named access key, and
 * comparing.
 *
 * <p>
 * The canonical request follows the SigV4 specification for services other than S3:
 * <ul>
 * <li>the method;</li>
 * <li>the path exactly as sent (still percent-encoded), each segment URI-encoded once
 * more: AWS SDKs (Java, JavaScript v3, botocore) send a model id such as
 * {@code us.anthropic...v1:0} as {@code us.anthropic...v1%3A0} and sign
 * {@code us.anthropic...v1%253A0};</li>
 * <li>the query parameters, URI-encoded and sorted;</li>
 * <li>every header the {@code SignedHeaders} field names, in any case and order the
 * client chose, as {@code name:value} with values trimmed, inner runs of spaces collapsed
 * and repeated headers joined by commas. {@code host} is the {@code Host} header
 * (HTTP/1.1) or the {@code :authority} (HTTP/2), and HTTP/2 pseudo-headers such as
 * {@code :authority} can be signed themselves, as the JavaScript SDK v3 does;</li>
 * <li>the payload hash: the {@code x-amz-content-sha256} header when sent (which must
 * then be the body's SHA-256, or {@code UNSIGNED-PAYLOAD}), else the body's SHA-256.</li>
 * </ul>
 * The credential scope must name the date of {@code X-Amz-Date}, and the service
 * {@value #SERVICE} (or {@code sts} for the stub's STS). A request dated more than five
 * minutes from the verifier's clock is {@link SignatureResult#EXPIRED}, with AWS's
 * message; recorded requests are replayed with a clock fixed at their date. HMAC-SHA256
 * and SHA-256 are the JDK's.
 *
 * <p>
 * Bedrock API keys ({@code Authorization: Bearer ...}) are compared to the configured
 * key. Secrets and keys are never logged.
 */
public final class SigV4Verifier {

	/** The SigV4 signing name of Bedrock Runtime. */
	public static final String SERVICE = "bedrock";

	/** How far a request's date may be from the verifier's clock, as in AWS. */
	public static final Duration MAX_SKEW = Duration.ofMinutes(5);

	private static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

	private static final HexFormat HEX = HexFormat.of();

	private final CredentialsRegistry credentials;

	private final String apiKey;

	private final Clock clock;

	/**
	 * Creates a verifier for one set of credentials, checking dates against the system
	 * clock.
	 * @param accessKeyId the accepted access key id
	 * @param secretAccessKey its secret
	 * @param sessionToken the session token requests must carry, or {@code null} to
	 * accept any or none
	 * @param apiKey the accepted Bedrock API key, or {@code null} to refuse Bearer
	 * authentication
	 */
	public SigV4Verifier(String accessKeyId, String secretAccessKey, String sessionToken, String apiKey) {
		this(registryOf(accessKeyId, secretAccessKey, sessionToken), apiKey, Clock.systemUTC());
	}

	/**
	 * Creates a verifier for every set of credentials in a registry, including those
	 * registered later (temporary credentials issued by the stub's STS), checking dates
	 * against the system clock.
	 * @param credentials the accepted credentials
	 * @param apiKey the accepted Bedrock API key, or {@code null} to refuse Bearer
	 * authentication
	 */
	public SigV4Verifier(CredentialsRegistry credentials, String apiKey) {
		this(credentials, apiKey, Clock.systemUTC());
	}

	/**
	 * Creates a verifier for every set of credentials in a registry.
	 * @param credentials the accepted credentials
	 * @param apiKey the accepted Bedrock API key, or {@code null} to refuse Bearer
	 * authentication
	 * @param clock the clock request dates must be within {@link #MAX_SKEW} of
	 */
	public SigV4Verifier(CredentialsRegistry credentials, String apiKey, Clock clock) {
		this.credentials = credentials;
		this.apiKey = apiKey;
		this.clock = clock;
	}

	private static CredentialsRegistry registryOf(String accessKeyId, String secretAccessKey, String sessionToken) {
		CredentialsRegistry registry = new CredentialsRegistry();
		registry.register(new CredentialsRegistry.Entry(accessKeyId, secretAccessKey, sessionToken));
		return registry;
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
		return verifyWithMessage(request, service).result();
	}

	/**
	 * Verifies one request signed for a given service, with AWS's message on failure.
	 * @param request the request
	 * @param service the SigV4 signing name the credential scope must name
	 * @return the outcome and message
	 */
	public Verification verifyWithMessage(SignedParts request, String service) {
		String authorization = request.header("Authorization");
		if (authorization == null || authorization.isBlank()) {
			return new Verification(SignatureResult.MISSING, null);
		}
		authorization = authorization.trim();
		if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String presented = authorization.substring(7).trim();
			return new Verification((this.apiKey != null && constantTimeEquals(presented, this.apiKey))
					? SignatureResult.BEARER_VALID : SignatureResult.BEARER_INVALID, null);
		}
		if (!authorization.startsWith(ALGORITHM + " ")) {
			return new Verification(SignatureResult.MALFORMED, null);
		}
		Map<String, String> fields = parseFields(authorization.substring(ALGORITHM.length() + 1));
		String credential = fields.get("Credential");
		String signedHeaders = fields.get("SignedHeaders");
		String signature = fields.get("Signature");
		String amzDate = request.header("X-Amz-Date");
		if (credential == null || signedHeaders == null || signature == null || amzDate == null
				|| signedHeaders.isEmpty()) {
			return new Verification(SignatureResult.MALFORMED, null);
		}
		String[] scope = credential.split("/");
		if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
			return new Verification(SignatureResult.MALFORMED, null);
		}
		CredentialsRegistry.Entry key = this.credentials.find(scope[0]);
		if (key == null) {
			return new Verification(SignatureResult.UNKNOWN_ACCESS_KEY, null);
		}
		String presentedToken = request.header("X-Amz-Security-Token");
		if (key.sessionToken() != null
				&& (presentedToken == null || !constantTimeEquals(presentedToken, key.sessionToken()))) {
			return new Verification(SignatureResult.INVALID_SESSION_TOKEN, null);
		}
		if (!service.equals(scope[3])) {
			return new Verification(SignatureResult.INVALID,
					"Credential should be scoped to correct service: '" + service + "'. ");
		}
		Instant signingTime;
		try {
			signingTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return new Verification(SignatureResult.MALFORMED, null);
		}
		if (!amzDate.startsWith(scope[1])) {
			return new Verification(SignatureResult.EXPIRED,
					"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
							+ scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
		}
		String skew = skewMessage(amzDate, signingTime);
		if (skew != null) {
			return new Verification(SignatureResult.EXPIRED, skew);
		}
		String canonical = canonicalRequest(request, signedHeaders, false);
		if (canonical != null && matches(canonical, key, amzDate, scope, signature)) {
			return new Verification(SignatureResult.VALID, null);
		}
		// A client that listed its signed headers out of order may have signed them
		// sorted.
		String sorted = canonicalRequest(request, signedHeaders, true);
		if (sorted != null && !sorted.equals(canonical) && matches(sorted, key, amzDate, scope, signature)) {
			return new Verification(SignatureResult.VALID, null);
		}
		return new Verification(SignatureResult.INVALID, null);
	}

	private String skewMessage(String amzDate, Instant signingTime) {
		Instant now = this.clock.instant();
		if (signingTime.isBefore(now.minus(MAX_SKEW))) {
			return "Signature expired: " + amzDate + " is now earlier than " + format(now.minus(MAX_SKEW)) + " ("
					+ format(now) + " - 5 min.)";
		}
		if (signingTime.isAfter(now.plus(MAX_SKEW))) {
			return "Signature not yet current: " + amzDate + " is still later than " + format(now.plus(MAX_SKEW)) + " ("
					+ format(now) + " + 5 min.)";
		}
		return null;
	}

	private static String format(Instant instant) {
		return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
	}

	private static boolean matches(String canonicalRequest, CredentialsRegistry.Entry key, String amzDate,
			String[] scope, String signature) {
		String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4];
		String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
				+ HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
		signingKey = hmac(signingKey, scope[2]);
		signingKey = hmac(signingKey, scope[3]);
		signingKey = hmac(signingKey, scope[4]);
		String expected = HEX.formatHex(hmac(signingKey, stringToSign));
		return constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT));
	}

	/**
	 * Builds the canonical request.
	 * @param request the request as received
	 * @param signedHeaders the {@code SignedHeaders} field
	 * @param sort whether to sort the header names rather than keep the client's order
	 * @return the canonical request, or {@code null} when a signed header did not arrive
	 * or the payload hash does not match the body
	 */
	static String canonicalRequest(SignedParts request, String signedHeaders, boolean sort) {
		String payloadHash = payloadHash(request);
		if (payloadHash == null) {
			return null;
		}
		String[] names = signedHeaders.toLowerCase(Locale.ROOT).split(";");
		if (sort) {
			Arrays.sort(names);
		}
		StringBuilder canonical = new StringBuilder();
		canonical.append(request.method()).append('\n');
		canonical.append(canonicalPath(request.rawPath())).append('\n');
		canonical.append(canonicalQuery(request.rawQuery())).append('\n');
		for (String name : names) {
			String value = headerValue(request, name);
			if (value == null) {
				// The client claims to have signed a header that did not arrive.
				return null;
			}
			canonical.append(name).append(':').append(value).append('\n');
		}
		canonical.append('\n').append(String.join(";", names)).append('\n').append(payloadHash);
		return canonical.toString();
	}

	private static String payloadHash(SignedParts request) {
		String declared = request.header("x-amz-content-sha256");
		if (declared == null) {
			return HEX.formatHex(sha256(request.body()));
		}
		if (UNSIGNED_PAYLOAD.equals(declared)) {
			return declared;
		}
		// The client vouched for a different body than the one that arrived.
		return declared.equalsIgnoreCase(HEX.formatHex(sha256(request.body()))) ? declared : null;
	}

	private static String headerValue(SignedParts request, String name) {
		List<String> values = switch (name) {
			case ":authority" -> List.of(request.authority());
			case "host" ->
				(request.headers().get("host") != null) ? request.headers().get("host") : List.of(request.authority());
			case ":method" -> List.of(request.method());
			case ":path" -> List.of(request.rawPath() + ((request.rawQuery() != null) ? "?" + request.rawQuery() : ""));
			case "content-length" -> (request.headers().get(name) != null) ? request.headers().get(name)
					// HTTP/2 may carry the length in the framing only.
					: List.of(Integer.toString(request.body().length));
			default -> request.headers().get(name);
		};
		if (values == null || values.isEmpty() || values.get(0) == null) {
			return null;
		}
		List<String> trimmed = new ArrayList<>(values.size());
		for (String value : values) {
			trimmed.add(value.trim().replaceAll(" +", " "));
		}
		return String.join(",", trimmed);
	}

	/**
	 * The canonical URI of a non-S3 request: each segment of the path as sent,
	 * URI-encoded once more.
	 * @param rawPath the path as sent
	 * @return the canonical URI
	 */
	static String canonicalPath(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return "/";
		}
		StringBuilder path = new StringBuilder();
		String[] segments = rawPath.split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				path.append('/');
			}
			path.append(uriEncode(segments[i].getBytes(StandardCharsets.UTF_8)));
		}
		return path.toString();
	}

	private static String canonicalQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		List<String[]> parameters = new ArrayList<>();
		for (String parameter : rawQuery.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int eq = parameter.indexOf('=');
			String name = (eq < 0) ? parameter : parameter.substring(0, eq);
			String value = (eq < 0) ? "" : parameter.substring(eq + 1);
			parameters.add(new String[] { uriEncode(decoded(name)), uriEncode(decoded(value)) });
		}
		parameters.sort((a, b) -> (a[0].equals(b[0])) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
		StringBuilder query = new StringBuilder();
		for (String[] parameter : parameters) {
			if (!query.isEmpty()) {
				query.append('&');
			}
			query.append(parameter[0]).append('=').append(parameter[1]);
		}
		return query.toString();
	}

	private static byte[] decoded(String component) {
		String decoded = ModelPath.percentDecode(component);
		return ((decoded != null) ? decoded : component).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * RFC 3986 encoding as SigV4 defines it: all but {@code A-Za-z0-9-_.~}.
	 * @param bytes the bytes
	 * @return the RFC 3986 encoding as SigV4 defines it: all but {@code A-Za-z0-9-_.~}
	 */
	private static String uriEncode(byte[] bytes) {
		StringBuilder encoded = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
			}
		}
		return encoded.toString();
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

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The parts of an HTTP request a signature covers.
	 *
	 * @param method the HTTP method
	 * @param rawPath the path exactly as sent, still percent-encoded
	 * @param rawQuery the raw query string, or {@code null}
	 * @param authority {@code host[:port]} from the {@code Host} header or the HTTP/2
	 * {@code :authority}
	 * @param headers the headers, looked up case-insensitively (without HTTP/2
	 * pseudo-headers)
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
	 * The outcome of a verification with, for failures, the message AWS gives.
	 *
	 * @param result the outcome
	 * @param message AWS's message for this failure, or {@code null} for the default one
	 * of the result
	 */
	public record Verification(SignatureResult result, String message) {

	}

}
