package dev.bedrockconverse.chat.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import dev.bedrockconverse.chat.BedrockConverseFailure;
import dev.bedrockconverse.chat.BedrockConverseFailure.Details;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.chat.BedrockConverseTransientException;

/**
 * Turns the AWS SDK's exceptions into {@link BedrockConverseTransientException} or
 * {@link BedrockConverseNonTransientException} with a message that says what to do. The
 * one place that classifies Bedrock errors, for calls and for streams alike (mid-stream
 * exception events arrive with camelCase types and are classified by the same names).
 * <p>
 * Failures before any byte reaches Bedrock are classified by their cause: no credentials
 * (or a credentials provider that failed) is a configuration error, non-transient, and
 * says which credentials mode was in use and what to set; a connection that cannot be
 * made (refused, unknown host, TLS) is transient and points at the endpoint and the
 * network; timeouts keep the advice about long generations.
 */
public final class BedrockErrorTranslator {

	/**
	 * Errors that may pass when tried again later, per the Bedrock Runtime API reference.
	 */
	private static final Set<String> TRANSIENT = Set.of("ThrottlingException", "ModelNotReadyException",
			"ServiceUnavailableException", "ModelTimeoutException", "InternalServerException",
			"ModelStreamErrorException");

	/** Errors of the AWS front end that mean the credentials are wrong, not Bedrock. */
	private static final Set<String> CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
			"MissingAuthenticationTokenException", "IncompleteSignatureException", "ExpiredTokenException",
			"InvalidClientTokenId", "SignatureDoesNotMatch");

	/** How far down a cause chain to look; guards against cycles. */
	private static final int MAX_DEPTH = 10;

	/**
	 * How the AWS SDK's credentials providers (and the auto-configuration's role
	 * providers) begin the message of a failure to supply credentials.
	 */
	private static final List<String> CREDENTIALS_FAILURES = List.of("Unable to load credentials",
			"Failed to load credentials", "Profile file contained no credentials", "The SSO session");

	/**
	 * The AWS services that the SDK's credentials providers call, as the SDK names them.
	 */
	private static final Set<String> CREDENTIALS_SERVICES = Set.of("Sts", "Sso", "SsoOidc");

	private static final String CHAIN_FAILURE = "Unable to load credentials from any of the providers in the chain";

	private static final Pattern CHAIN_PROVIDERS = Pattern.compile("credentialsProviders=\\[(.*?)\\]\\)");

	private static final Pattern PROVIDER = Pattern.compile("(\\w+)CredentialsProvider\\(([^)]*)\\)");

	/** The host of Bedrock Runtime's regional endpoint, as connection errors name it. */
	private static final Pattern REGIONAL_ENDPOINT = Pattern
		.compile("(^|[/\\s])bedrock-runtime(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com", Pattern.MULTILINE);

	private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

	private static final String CREDENTIALS_SETTINGS = "bedrock.converse.credentials.access-key-id and "
			+ "secret-access-key, bedrock.converse.credentials.profile, bedrock.converse.credentials.assume-role.* "
			+ "or web-identity.*, or bedrock.converse.api-key; or, for the default chain, the environment "
			+ "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) or a profile in ~/.aws/credentials "
			+ "or ~/.aws/config";

	private BedrockErrorTranslator() {
	}

	/**
	 * Translate a failure of a call or stream. Anything that is not an AWS SDK exception
	 * (our own validation, a stream cut short, ...) is returned unchanged.
	 * @param failure the failure
	 * @param modelId the model id the request was sent to
	 * @param fallbackRequestId the request id from the response headers, used when the
	 * exception has none (mid-stream exception events)
	 * @return the exception to throw
	 */
	public static Throwable translate(Throwable failure, @Nullable String modelId, @Nullable String fallbackRequestId) {
		if (failure instanceof SdkException) {
			Throwable credentials = credentialsFailure(failure);
			if (credentials != null) {
				return fromCredentials(failure, credentials, modelId);
			}
		}
		if (failure instanceof AwsServiceException service) {
			return fromService(service, modelId, fallbackRequestId);
		}
		Throwable connection = (failure instanceof ApiCallTimeoutException
				|| failure instanceof ApiCallAttemptTimeoutException) ? null : connectionFailure(failure);
		if (connection != null && (failure instanceof SdkException || failure instanceof IOException)) {
			return fromConnection(failure, connection, modelId);
		}
		if (failure instanceof SdkException || failure instanceof IOException) {
			// No (complete) answer: the network, a timeout, or a stream broken on the
			// wire.
			String type = failure.getClass().getSimpleName();
			return new BedrockConverseTransientException(
					"No complete answer from Amazon Bedrock for model '" + modelId + "'"
							+ ((fallbackRequestId != null) ? ", request id " + fallbackRequestId : "") + " (" + type
							+ ": " + failure.getMessage()
							+ "). Check the network path to the endpoint; for long generations raise "
							+ "bedrock.converse.client.api-call-timeout / read-timeout or use stream().",
					new Details(type, 0, fallbackRequestId, modelId), failure);
		}
		return failure;
	}

	/**
	 * Translate a failure of a CountTokens request like any other ({@link #translate}),
	 * except Bedrock's refusal to count for the model (a {@code ValidationException} "The
	 * provided model doesn't support counting tokens."), which gets a message that names
	 * the model and the alternatives.
	 * @param failure the failure
	 * @param modelId the model id the request was sent to
	 * @return the exception to throw
	 */
	public static Throwable translateCountTokens(Throwable failure, @Nullable String modelId) {
		Throwable translated = translate(failure, modelId, null);
		String bedrockMessage = (failure instanceof AwsServiceException service && service.awsErrorDetails() != null)
				? service.awsErrorDetails().errorMessage() : null;
		if (translated instanceof BedrockConverseNonTransientException nonTransient
				&& "ValidationException".equals(nonTransient.getDetails().errorType()) && bedrockMessage != null
				&& bedrockMessage.toLowerCase(Locale.ROOT).contains("support counting tokens")) {
			return new BedrockConverseNonTransientException("Amazon Bedrock's CountTokens does not count tokens for "
					+ "model '" + modelId + "': " + sentence(bedrockMessage) + " CountTokens takes the id or "
					+ "ARN of a foundation model that supports token counting, not an inference profile: use the "
					+ "foundation model id without a cross-region prefix such as 'us.' or 'global.' (in the prompt's "
					+ "options, model), or, for a model family that CountTokens does not support, read the input "
					+ "tokens a call reports (ChatResponse.getMetadata().getUsage().getPromptTokens()) or estimate "
					+ "locally (Spring AI's JTokkitTokenCountEstimator).", nonTransient.getDetails(), failure);
		}
		return translated;
	}

	/**
	 * Translate a failure that the SDK delivered for a stream (through the call's future
	 * or the event subscription). Besides what {@link #translate} handles, the SDK's
	 * event stream decoder fails with plain runtime exceptions (e.g. a message checksum
	 * mismatch): on this path they mean a corrupt stream, not a caller's mistake, so they
	 * become transient too rather than look like bad input.
	 * @param failure the failure
	 * @param modelId the model id
	 * @param requestId the stream's request id
	 * @return the exception to signal
	 */
	public static Throwable translateStreamFailure(Throwable failure, @Nullable String modelId,
			@Nullable String requestId) {
		Throwable translated = translate(failure, modelId, requestId);
		if (translated != failure || !(failure instanceof RuntimeException)
				|| failure instanceof java.util.concurrent.CancellationException) {
			return translated;
		}
		String type = failure.getClass().getSimpleName();
		return new BedrockConverseTransientException(
				"The event stream from Amazon Bedrock for model '" + modelId + "'"
						+ ((requestId != null) ? ", request id " + requestId : "") + " could not be read (" + type
						+ ": " + failure.getMessage() + "); it was corrupted on the way. Send the request again.",
				new Details(type, 0, requestId, modelId), failure);
	}

	private static RuntimeException failure(boolean isTransient, String message, Details details, Throwable cause) {
		if (isTransient) {
			return new BedrockConverseTransientException(message, details, cause);
		}
		return new BedrockConverseNonTransientException(message, details, cause);
	}

	private static RuntimeException fromService(AwsServiceException ex, @Nullable String modelId,
			@Nullable String fallbackRequestId) {
		String type = ErrorTypes.ofService(ex);
		int status = (ex.statusCode() >= 400) ? ex.statusCode() : 0;
		String requestId = (ex.requestId() != null) ? ex.requestId() : fallbackRequestId;
		String bedrockMessage = (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null)
				? ex.awsErrorDetails().errorMessage() : ex.getMessage();
		String message = "Amazon Bedrock answered " + type + ((status != 0) ? " (HTTP " + status + ")" : "")
				+ " for model '" + modelId + "'" + ((requestId != null) ? ", request id " + requestId : "") + ": "
				+ sentence(bedrockMessage) + " " + advice(type, status, modelId, bedrockMessage);
		boolean isTransient = TRANSIENT.contains(type)
				|| (!CREDENTIALS.contains(type) && (status == 429 || status >= 500));
		return failure(isTransient, message, new Details(type, status, requestId, modelId), ex);
	}

	/**
	 * The text ending in exactly one full stop, so the advice reads as the next sentence.
	 * @param text the text
	 * @return the text ending in exactly one full stop, so the advice reads as the next
	 * sentence
	 */
	private static String sentence(@Nullable String text) {
		String trimmed = (text != null) ? text.strip() : "";
		return trimmed.endsWith(".") ? trimmed : trimmed + ".";
	}

	private static String advice(String type, int status, @Nullable String modelId, @Nullable String message) {
		return switch (type) {
			case "AccessDeniedException" -> "Enable access to this model in the Amazon Bedrock console (Model access) "
					+ "in this region, and allow the actions bedrock:InvokeModel and "
					+ "bedrock:InvokeModelWithResponseStream on it for the calling IAM identity.";
			case "ResourceNotFoundException" ->
				"Check the model id '" + modelId + "', that the model is offered in the "
						+ "configured region (bedrock.converse.region), and, for cross-region inference, the inference "
						+ "profile prefix (for example 'us.' or 'eu.' before the model id).";
			case "ValidationException" -> "Fix the request: the options (maxTokens within the model's limit, "
					+ "temperature, topP, stop sequences) or the messages are not accepted by this model.";
			case "ServiceQuotaExceededException" ->
				"Request a higher quota in Service Quotas, or lower the request " + "rate or maxTokens.";
			case "ModelErrorException" ->
				"The model could not process this input; change the prompt or try another " + "model.";
			case "ThrottlingException" -> "The AWS SDK retried as configured and was still throttled: lower the "
					+ "request rate, use bedrock.converse.retry.mode=adaptive or more "
					+ "bedrock.converse.retry.max-attempts, or request a higher quota.";
			case "ModelTimeoutException" ->
				"The model took too long; lower maxTokens or use stream() for long " + "generations.";
			case "ModelNotReadyException" -> "The model is being prepared; try again shortly.";
			case "ModelStreamErrorException" -> "The stream failed part-way; send the request again.";
			case "ServiceUnavailableException", "InternalServerException" -> "Try again later.";
			case "ExpiredTokenException" -> "The temporary AWS credentials have expired: refresh the session "
					+ "(a new session token in bedrock.converse.credentials.session-token or AWS_SESSION_TOKEN, "
					+ "'aws sso login' for an SSO profile), or let a role refresh itself "
					+ "(bedrock.converse.credentials.assume-role.* or web-identity.*, a container or instance role).";
			case "InvalidSignatureException" -> (message != null && message.contains("Signature expired"))
					? "The request was signed with a time too far from AWS's: synchronise this machine's clock "
							+ "(NTP); requests are accepted within 5 minutes of AWS's time."
					: "Check the AWS credentials (bedrock.converse.credentials.*) and the region they are used in.";
			default -> CREDENTIALS.contains(type)
					? "Check the AWS credentials (bedrock.converse.credentials.*) " + "and the region they are used in."
					: ((status == 429 || status >= 500) ? "Try again later."
							: "Check the request and the configuration.");
		};
	}

	/**
	 * The failure to obtain credentials in a cause chain: a credentials provider's
	 * message, or an answer of STS or SSO, which only credentials providers call.
	 * @param failure the failure
	 * @return the failure to obtain credentials in a cause chain
	 */
	private static @Nullable Throwable credentialsFailure(Throwable failure) {
		return firstCause(failure,
				(cause) -> (cause instanceof AwsServiceException service && fromCredentialsService(service))
						|| (cause instanceof SdkClientException && cause.getMessage() != null
								&& CREDENTIALS_FAILURES.stream().anyMatch(cause.getMessage()::startsWith)));
	}

	/**
	 * The failure and its causes, outermost first; guards against cycles.
	 * @param failure the failure
	 * @return the failure and its causes, outermost first
	 */
	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable current = failure; current != null && causes.size() < MAX_DEPTH
				&& !causes.contains(current); current = current.getCause()) {
			causes.add(current);
		}
		return causes;
	}

	private static @Nullable Throwable firstCause(Throwable failure, Predicate<Throwable> matches) {
		return causes(failure).stream().filter(matches).findFirst().orElse(null);
	}

	private static boolean fromCredentialsService(AwsServiceException service) {
		String serviceName = (service.awsErrorDetails() != null) ? service.awsErrorDetails().serviceName() : null;
		return serviceName != null && CREDENTIALS_SERVICES.contains(serviceName);
	}

	private static RuntimeException fromCredentials(Throwable failure, Throwable credentials,
			@Nullable String modelId) {
		StringBuilder message = new StringBuilder(
				"No AWS credentials to sign the request to Amazon Bedrock for model '")
			.append(modelId)
			.append("'; nothing was sent. ");
		String fix = "Configure credentials: " + CREDENTIALS_SETTINGS + ".";
		boolean isTransient = false;
		String described = describeSource(credentials);
		if (described != null) {
			message.append(described);
			if (credentials.getMessage().startsWith("Profile file")) {
				fix = "Add credentials for that profile to those files (for an SSO profile, run 'aws sso login'), "
						+ "set bedrock.converse.credentials.profile to a profile that has them, or configure "
						+ "another mode: " + CREDENTIALS_SETTINGS + ".";
			}
		}
		else {
			// A provider that failed: the auto-configuration's role providers name their
			// mode, the SDK's providers their own source.
			message.append((credentials instanceof AwsServiceException)
					? "A credentials provider that calls another AWS service (a profile with role_arn or SSO, for "
							+ "example) failed."
					: sentence(firstLine(credentials.getMessage())));
			Throwable nested = credentialsFailure(
					(credentials.getCause() != null) ? credentials.getCause() : credentials);
			AwsServiceException sts = (AwsServiceException) firstCause(credentials,
					AwsServiceException.class::isInstance);
			Throwable connection = connectionFailure(credentials);
			Throwable unreadable = firstCause(credentials, IOException.class::isInstance);
			if (nested != null && nested != credentials && describeSource(nested) != null) {
				message.append(" The credentials that sign the role request: ").append(describeSource(nested));
			}
			else if (sts != null) {
				int status = sts.statusCode();
				String service = (sts.awsErrorDetails() != null && sts.awsErrorDetails().serviceName() != null)
						? sts.awsErrorDetails().serviceName().toUpperCase(Locale.ROOT) : "The credentials service";
				message.append(" ")
					.append(service)
					.append(" answered ")
					.append(ErrorTypes.ofService(sts))
					.append((status >= 400) ? " (HTTP " + status + ")" : "")
					.append(": ")
					.append(sentence(
							(sts.awsErrorDetails() != null) ? sts.awsErrorDetails().errorMessage() : sts.getMessage()));
				isTransient = status == 429 || status >= 500 || ErrorTypes.ofService(sts).contains("Throttl");
				fix = isTransient ? "The credentials service failed for now; try again later."
						: "Check the role and its trust policy (which identities and tokens may assume it: "
								+ "bedrock.converse.credentials.assume-role.role-arn or web-identity.role-arn), the "
								+ "credentials that sign the request, and bedrock.converse.credentials.sts-endpoint.";
			}
			else if (connection != null) {
				message.append(" The credentials service could not be reached (")
					.append(summary(connection))
					.append(").");
				isTransient = true;
				fix = "Check bedrock.converse.credentials.sts-endpoint (by default the regional STS endpoint of "
						+ "bedrock.converse.region) and the network path to it.";
			}
			else if (unreadable != null) {
				message.append(" A file could not be read (").append(summary(unreadable)).append(").");
				fix = "Point bedrock.converse.credentials.web-identity.token-file (or AWS_WEB_IDENTITY_TOKEN_FILE) at "
						+ "a readable token file, or configure another mode: " + CREDENTIALS_SETTINGS + ".";
			}
		}
		message.append(" ").append(fix);
		return failure(isTransient, message.toString(),
				new Details(BedrockConverseFailure.CREDENTIALS_UNAVAILABLE, 0, null, modelId), failure);
	}

	/**
	 * The mode and the sources tried, for the SDK's default chain and a named profile.
	 * @param credentials the credentials
	 * @return the description, or {@code null} for other failures
	 */
	private static @Nullable String describeSource(Throwable credentials) {
		String text = credentials.getMessage();
		if (text == null) {
			return null;
		}
		if (text.startsWith(CHAIN_FAILURE)) {
			return "Credentials mode: the AWS SDK's default chain (no bedrock.converse.credentials.* and no "
					+ "bedrock.converse.api-key set), which tried " + sourcesTried(text) + " and found none.";
		}
		if (text.startsWith("Profile file contained no credentials")) {
			Matcher profile = QUOTED.matcher(text);
			String name = profile.find() ? profile.group(1) : "default";
			return "Credentials mode: the profile '" + name + "' (bedrock.converse.credentials.profile), which has "
					+ "no credentials in the profile files (bedrock.converse.credentials.shared-credentials-file and "
					+ "config-file, by default ~/.aws/credentials and ~/.aws/config).";
		}
		return null;
	}

	/**
	 * The chain's providers in plain words, in the order the chain tried them.
	 * @param chainFailure the chain failure
	 * @return the chain's providers in plain words, in the order the chain tried them
	 */
	private static String sourcesTried(String chainFailure) {
		Matcher chain = CHAIN_PROVIDERS.matcher(chainFailure);
		if (!chain.find()) {
			return "its sources";
		}
		Set<String> sources = new LinkedHashSet<>();
		Matcher provider = PROVIDER.matcher(chain.group(1));
		while (provider.find()) {
			String arguments = provider.group(2);
			sources.add(switch (provider.group(1)) {
				case "SystemProperty" -> "system properties aws.accessKeyId/aws.secretAccessKey";
				case "EnvironmentVariable" -> "environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
				case "WebIdentityTokenFile" -> "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)";
				case "Profile" -> "profile '"
						+ (arguments.startsWith("profileName=")
								? arguments.substring("profileName=".length()).split(",")[0] : "default")
						+ "' (~/.aws/credentials, ~/.aws/config)";
				case "Container" -> "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI/RELATIVE_URI)";
				case "InstanceProfile" -> "EC2 instance metadata"
						+ (chainFailure.contains("IMDS credentials have been disabled") ? " (disabled)" : "");
				default -> provider.group(1) + "CredentialsProvider";
			});
		}
		return String.join(", ", sources);
	}

	/**
	 * The cause that says no connection could be made: refused, no route, unknown host,
	 * connect timeout, or a failed TLS handshake.
	 * @param failure the failure
	 * @return the cause that says no connection could be made
	 */
	private static @Nullable Throwable connectionFailure(Throwable failure) {
		return firstCause(failure,
				(cause) -> cause instanceof ConnectException || cause instanceof NoRouteToHostException
						|| cause instanceof UnknownHostException || cause instanceof SSLException
						|| cause.getClass().getSimpleName().equals("ConnectTimeoutException")
						|| cause.getClass().getSimpleName().equals("NotSslRecordException") || isAcquireTimeout(cause));
	}

	/**
	 * The Netty client's pool gave no connection in time: over HTTP/2 with ALPN, this is
	 * also how a failed TLS handshake ends.
	 * @param error the error
	 * @return whether the Netty client's pool gave no connection in time: over HTTP/2
	 * with ALPN, this is also how a failed TLS handshake ends
	 */
	private static boolean isAcquireTimeout(Throwable error) {
		return error instanceof TimeoutException && error.getMessage() != null
				&& error.getMessage().startsWith("Acquire operation took longer");
	}

	private static RuntimeException fromConnection(Throwable failure, Throwable connection, @Nullable String modelId) {
		String type = failure.getClass().getSimpleName();
		String text = causes(failure).stream().map(Throwable::getMessage).collect(Collectors.joining("\n"));
		boolean regional = REGIONAL_ENDPOINT.matcher(text).find();
		String endpoint = regional ? "the regional endpoint of bedrock.converse.region"
				: "the endpoint override bedrock.converse.endpoint";
		String what;
		String advice;
		if (connection instanceof UnknownHostException) {
			what = "the endpoint's host name could not be resolved";
			advice = "Check the host of " + endpoint + (regional ? " (Bedrock Runtime is offered in that region)" : "")
					+ " and DNS from this machine.";
		}
		else if (connection instanceof SSLException || connection.getClass().getSimpleName().contains("Ssl")) {
			what = "the TLS handshake with the endpoint failed";
			advice = "Check that " + (regional ? endpoint : "bedrock.converse.endpoint, when set,")
					+ " speaks HTTPS on that port (use http:// for a plain-text stub or proxy), and that the JVM "
					+ "trusts its certificate (a TLS-intercepting proxy needs its CA in the trust store).";
		}
		else if (isAcquireTimeout(connection)) {
			what = "no connection to the endpoint was ready in time";
			advice = "Either the endpoint did not complete the connection: check that "
					+ (regional ? endpoint : "bedrock.converse.endpoint, when set,") + " is right and reachable "
					+ "and speaks TLS when its scheme is https:// (use http:// for a plain-text stub or proxy); or "
					+ "every connection was busy: send fewer requests at once.";
		}
		else {
			what = "no connection could be made to the endpoint";
			advice = "Check that " + endpoint + " is right and reachable from this machine (proxy, firewall, "
					+ (regional ? "VPC endpoint routing" : "the server listening on that port") + ")"
					+ (connection.getClass().getSimpleName().equals("ConnectTimeoutException")
							? ", or raise bedrock.converse.client.connect-timeout" : "")
					+ ".";
		}
		return new BedrockConverseTransientException(
				"Could not reach Amazon Bedrock for model '" + modelId + "': " + what + " (" + summary(connection)
						+ "); nothing was sent to the model. " + advice
						+ " The AWS SDK retried as configured (bedrock.converse.retry.*).",
				new Details(type, 0, null, modelId), failure);
	}

	private static String summary(Throwable cause) {
		return cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
	}

	/**
	 * The first line of a message, at most 300 characters, never a whole chain dump.
	 * @param text the text
	 * @return the first line of a message, at most 300 characters, never a whole chain
	 * dump
	 */
	private static String firstLine(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String line = text.lines().findFirst().orElse("").strip();
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
