package dev.bedrockconverse.stub.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.bedrockconverse.stub.IssuedCredentials;
import dev.bedrockconverse.stub.SignatureResult;

/**
 * Plays AWS Security Token Service on the stub's port: {@code AssumeRole} and
 * {@code AssumeRoleWithWebIdentity} in the STS Query protocol ({@code POST /} with a
 * form-encoded body {@code Action=...&Version=2011-06-15&...}, XML answers in the
 * {@code https://sts.amazonaws.com/doc/2011-06-15/} namespace).
 *
 * <p>
 * {@code AssumeRole} must be SigV4-signed for the service {@value #SERVICE} with
 * credentials the stub accepts; {@code AssumeRoleWithWebIdentity} is unsigned, as in AWS,
 * and takes the configured web identity token. Both check their parameters as the STS API
 * reference documents them (role ARN, session name of 2 to 64 characters, duration from
 * 900 seconds up to the role's maximum session duration, external id of 2 to 1224
 * characters), then issue fresh temporary credentials, register them so that the stub
 * accepts them for Bedrock calls, and report them.
 */
public final class StsHandler {

	/** The SigV4 signing name of STS. */
	public static final String SERVICE = "sts";

	/** The operation name recorded for {@code AssumeRole}. */
	public static final String ASSUME_ROLE = "AssumeRole";

	/** The operation name recorded for {@code AssumeRoleWithWebIdentity}. */
	public static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity";

	private static final String VERSION = "2011-06-15";

	private static final String NAMESPACE = "https://sts.amazonaws.com/doc/" + VERSION + "/";

	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/([\\w+=,.@/-]+)");

	private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

	private static final int MIN_DURATION_SECONDS = 900;

	private static final int DEFAULT_DURATION_SECONDS = 3600;

	private final SigV4Verifier verifier;

	private final CredentialsRegistry registry;

	private final String webIdentityToken;

	private final Duration maxSessionDuration;

	private final Consumer<IssuedCredentials> issued;

	/**
	 * Creates the handler.
	 * @param verifier the signature verifier, or {@code null} when enforcement is off
	 * @param registry where issued credentials are registered
	 * @param webIdentityToken the web identity token {@code AssumeRoleWithWebIdentity}
	 * accepts, or {@code null} to refuse every token
	 * @param maxSessionDuration the roles' maximum session duration
	 * @param issued receives every set of issued credentials
	 */
	public StsHandler(SigV4Verifier verifier, CredentialsRegistry registry, String webIdentityToken,
			Duration maxSessionDuration, Consumer<IssuedCredentials> issued) {
		this.verifier = verifier;
		this.registry = registry;
		this.webIdentityToken = webIdentityToken;
		this.maxSessionDuration = maxSessionDuration;
		this.issued = issued;
	}

	/**
	 * Whether a request is an STS Query request: {@code POST /} with a form-encoded body.
	 * Bedrock Runtime has no operation on {@code /}, so the two never collide.
	 * @param method the HTTP method
	 * @param rawPath the raw path
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @return whether to route the request here
	 */
	public static boolean accepts(String method, String rawPath, String contentType) {
		return "POST".equals(method) && ("/".equals(rawPath) || rawPath == null || rawPath.isEmpty())
				&& contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	/**
	 * Answers one STS request.
	 * @param request the request as signed
	 * @param requestId the request id of the response
	 * @return the reply
	 */
	public Reply handle(SigV4Verifier.SignedParts request, String requestId) {
		Map<String, String> form = parseForm(new String(request.body(), StandardCharsets.UTF_8));
		String action = form.get("Action");
		if (ASSUME_ROLE.equals(action)) {
			return assumeRole(request, form, requestId);
		}
		if (ASSUME_ROLE_WITH_WEB_IDENTITY.equals(action)) {
			return assumeRoleWithWebIdentity(form, requestId);
		}
		return new Reply(ModelPath.UNKNOWN, SignatureResult.NOT_CHECKED, 400, error("Sender", "InvalidAction",
				"Could not find operation " + action + " for version " + form.get("Version"), requestId));
	}

	private Reply assumeRole(SigV4Verifier.SignedParts request, Map<String, String> form, String requestId) {
		SignatureResult signature = (this.verifier != null) ? this.verifier.verify(request, SERVICE)
				: SignatureResult.NOT_CHECKED;
		String authError = authenticationError(signature, requestId);
		if (authError != null) {
			int status = (signature == SignatureResult.MALFORMED || signature == SignatureResult.BEARER_INVALID
					|| signature == SignatureResult.BEARER_VALID) ? 400 : 403;
			return new Reply(ASSUME_ROLE, signature, status, authError);
		}
		String invalid = validate(form, true);
		if (invalid != null) {
			return new Reply(ASSUME_ROLE, signature, 400, error("Sender", "ValidationError", invalid, requestId));
		}
		String callerKeyId = callerAccessKeyId(request);
		IssuedCredentials credentials = issue(ASSUME_ROLE, form, callerKeyId);
		return new Reply(ASSUME_ROLE, signature, 200, success(ASSUME_ROLE, credentials, "", requestId));
	}

	private Reply assumeRoleWithWebIdentity(Map<String, String> form, String requestId) {
		// Unsigned in AWS: the web identity token is the proof of identity.
		String invalid = validate(form, false);
		if (invalid != null) {
			return new Reply(ASSUME_ROLE_WITH_WEB_IDENTITY, SignatureResult.NOT_CHECKED, 400,
					error("Sender", "ValidationError", invalid, requestId));
		}
		String token = form.get("WebIdentityToken");
		if (this.webIdentityToken == null || !this.webIdentityToken.equals(token)) {
			return new Reply(ASSUME_ROLE_WITH_WEB_IDENTITY, SignatureResult.NOT_CHECKED, 400,
					error("Sender", "InvalidIdentityToken",
							"The web identity token that was passed could not be validated by AWS. "
									+ "Get a new identity token from the identity provider and then retry the request.",
							requestId));
		}
		IssuedCredentials credentials = issue(ASSUME_ROLE_WITH_WEB_IDENTITY, form, null);
		String extra = "<SubjectFromWebIdentityToken>stub-subject</SubjectFromWebIdentityToken>"
				+ "<Audience>sts.amazonaws.com</Audience><Provider>stub.identity.provider</Provider>";
		return new Reply(ASSUME_ROLE_WITH_WEB_IDENTITY, SignatureResult.NOT_CHECKED, 200,
				success(ASSUME_ROLE_WITH_WEB_IDENTITY, credentials, extra, requestId));
	}

	private String validate(Map<String, String> form, boolean assumeRole) {
		if (!VERSION.equals(form.get("Version"))) {
			return "Unsupported or missing Version '" + form.get("Version") + "'; expected " + VERSION;
		}
		String roleArn = form.get("RoleArn");
		if (roleArn == null) {
			return "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
					+ "Member must not be null";
		}
		if (!ROLE_ARN.matcher(roleArn).matches()) {
			return "RoleArn " + roleArn + " is not a valid IAM role ARN";
		}
		String sessionName = form.get("RoleSessionName");
		if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
			return "1 validation error detected: Value '" + sessionName + "' at 'roleSessionName' failed to satisfy "
					+ "constraint: Member must have length between 2 and 64 and satisfy regular expression pattern: "
					+ "[\\w+=,.@-]*";
		}
		String duration = form.get("DurationSeconds");
		if (duration != null) {
			int seconds;
			try {
				seconds = Integer.parseInt(duration);
			}
			catch (NumberFormatException ex) {
				return "DurationSeconds '" + duration + "' is not a number";
			}
			if (seconds < MIN_DURATION_SECONDS) {
				return "1 validation error detected: Value '" + seconds + "' at 'durationSeconds' failed to "
						+ "satisfy constraint: Member must have value greater than or equal to 900";
			}
			if (seconds > this.maxSessionDuration.toSeconds()) {
				return "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
			}
		}
		if (assumeRole) {
			String externalId = form.get("ExternalId");
			if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
				return "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must "
						+ "have length between 2 and 1224 and satisfy regular expression pattern: [\\w+=,.@:\\/-]*";
			}
		}
		else {
			String token = form.get("WebIdentityToken");
			if (token == null || token.length() < 4 || token.length() > 20000) {
				return "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: "
						+ "Member must have length between 4 and 20000";
			}
		}
		return null;
	}

	private IssuedCredentials issue(String action, Map<String, String> form, String callerKeyId) {
		int seconds = (form.get("DurationSeconds") != null) ? Integer.parseInt(form.get("DurationSeconds"))
				: DEFAULT_DURATION_SECONDS;
		CredentialsRegistry.Entry entry = this.registry.issueTemporary();
		IssuedCredentials credentials = new IssuedCredentials(action, form.get("RoleArn"), form.get("RoleSessionName"),
				form.get("ExternalId"), seconds, callerKeyId, entry.accessKeyId(), entry.secretAccessKey(),
				entry.sessionToken(), Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS));
		this.issued.accept(credentials);
		return credentials;
	}

	private static String success(String action, IssuedCredentials credentials, String extra, String requestId) {
		var arn = ROLE_ARN.matcher(credentials.roleArn());
		arn.matches();
		String account = arn.group(1);
		String roleName = arn.group(2).substring(arn.group(2).lastIndexOf('/') + 1);
		return "<" + action + "Response xmlns=\"" + NAMESPACE + "\">" + "<" + action + "Result>" + extra
				+ "<AssumedRoleUser><Arn>arn:aws:sts::" + account + ":assumed-role/" + xml(roleName) + "/"
				+ xml(credentials.roleSessionName()) + "</Arn><AssumedRoleId>AROASTUBROLEID00000:"
				+ xml(credentials.roleSessionName()) + "</AssumedRoleId></AssumedRoleUser>" + "<Credentials>"
				+ "<AccessKeyId>" + credentials.accessKeyId() + "</AccessKeyId>" + "<SecretAccessKey>"
				+ xml(credentials.secretAccessKey()) + "</SecretAccessKey>" + "<SessionToken>"
				+ xml(credentials.sessionToken()) + "</SessionToken>" + "<Expiration>" + credentials.expiration()
				+ "</Expiration>" + "</Credentials>" + "</" + action + "Result>" + "<ResponseMetadata><RequestId>"
				+ requestId + "</RequestId></ResponseMetadata>" + "</" + action + "Response>";
	}

	private static String authenticationError(SignatureResult signature, String requestId) {
		return switch (signature) {
			case VALID, NOT_CHECKED -> null;
			case MISSING ->
				error("Sender", "MissingAuthenticationToken", "Request is missing Authentication Token", requestId);
			case MALFORMED, BEARER_VALID, BEARER_INVALID -> error("Sender", "IncompleteSignature",
					"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and an "
							+ "X-Amz-Date header.",
					requestId);
			case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN -> error("Sender", "InvalidClientTokenId",
					"The security token included in the request is invalid.", requestId);
			case INVALID, EXPIRED -> error("Sender", "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided. Check your AWS "
							+ "Secret Access Key and signing method. Consult the service documentation for details.",
					requestId);
		};
	}

	private static String error(String type, String code, String message, String requestId) {
		return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
				+ "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + requestId
				+ "</RequestId></ErrorResponse>";
	}

	private static String callerAccessKeyId(SigV4Verifier.SignedParts request) {
		String authorization = request.header("Authorization");
		if (authorization == null) {
			return null;
		}
		int start = authorization.indexOf("Credential=");
		if (start < 0) {
			return null;
		}
		int end = authorization.indexOf('/', start);
		return (end > 0) ? authorization.substring(start + "Credential=".length(), end) : null;
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			form.putIfAbsent(name, value);
		}
		return form;
	}

	private static String xml(String text) {
		return (text != null)
				? text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;") : "";
	}

	static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * The outcome of one STS request.
	 *
	 * @param operation the recorded operation name ({@code AssumeRole},
	 * {@code AssumeRoleWithWebIdentity}, or {@link ModelPath#UNKNOWN})
	 * @param signature the authentication outcome
	 * @param status the HTTP status
	 * @param xml the XML body
	 */
	public record Reply(String operation, SignatureResult signature, int status, String xml) {
	}

}
