package dev.bedrockconverse.autoconfigure.credentials;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.core.SdkSystemSetting;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * Checks that the {@code bedrock.converse.api-key} and
 * {@code bedrock.converse.credentials.*} properties describe exactly one way to
 * authenticate, and that each value is usable, before any client is built. Throws
 * {@link InvalidBedrockConverseConfigurationException} naming the properties; secret
 * values never reach an exception.
 */
public final class BedrockConverseAuthenticationValidator {

	static final String PREFIX = "bedrock.converse.";

	static final String API_KEY = PREFIX + "api-key";

	static final String CREDENTIALS = PREFIX + "credentials.";

	static final String ACCESS_KEY_ID = CREDENTIALS + "access-key-id";

	static final String SECRET_ACCESS_KEY = CREDENTIALS + "secret-access-key";

	static final String SESSION_TOKEN = CREDENTIALS + "session-token";

	static final String PROFILE = CREDENTIALS + "profile";

	static final String SHARED_CREDENTIALS_FILE = CREDENTIALS + "shared-credentials-file";

	static final String CONFIG_FILE = CREDENTIALS + "config-file";

	static final String STS_ENDPOINT = CREDENTIALS + "sts-endpoint";

	static final String ASSUME_ROLE_ARN = CREDENTIALS + "assume-role.role-arn";

	static final String ASSUME_ROLE_SESSION_NAME = CREDENTIALS + "assume-role.session-name";

	static final String ASSUME_ROLE_EXTERNAL_ID = CREDENTIALS + "assume-role.external-id";

	static final String ASSUME_ROLE_DURATION = CREDENTIALS + "assume-role.duration";

	static final String WEB_IDENTITY_ROLE_ARN = CREDENTIALS + "web-identity.role-arn";

	static final String WEB_IDENTITY_TOKEN_FILE = CREDENTIALS + "web-identity.token-file";

	static final String WEB_IDENTITY_SESSION_NAME = CREDENTIALS + "web-identity.session-name";

	static final String DEFAULT_SESSION_NAME = "bedrock-converse";

	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

	private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

	private static final Duration MIN_DURATION = Duration.ofMinutes(15);

	private static final Duration MAX_DURATION = Duration.ofHours(12);

	private BedrockConverseAuthenticationValidator() {
	}

	/**
	 * Apply every authentication rule. Public only for the validation of
	 * {@link BedrockConverseProperties} when they are bound; not API.
	 * @param properties the bound properties
	 * @throws InvalidBedrockConverseConfigurationException on the first broken rule
	 */
	public static void validate(BedrockConverseProperties properties) {
		if (StringUtils.hasText(properties.getApiKey())) {
			apiKey(properties);
		}
		credentials(properties, BedrockApiKeys.presentInEnvironment());
	}

	/**
	 * Checks that an API key is not combined with AWS credentials properties.
	 * @param properties the properties
	 */
	private static void apiKey(BedrockConverseProperties properties) {
		List<String> signing = signingProperties(properties.getCredentials());
		if (!signing.isEmpty()) {
			throw new InvalidBedrockConverseConfigurationException(API_KEY, null,
					"An API key and AWS credentials (" + quoted(signing) + ") are both configured; a request is "
							+ "authenticated either by the API key (bearer token) or by an AWS signature, not both.",
					"Remove either the property '" + API_KEY + "' or the properties " + quoted(signing) + ".");
		}
	}

	/**
	 * Checks the AWS credentials properties.
	 * @param properties the properties
	 * @param bearerTokenFromEnvironment whether the AWS SDK will find an API key in
	 * AWS_BEARER_TOKEN_BEDROCK or {@code aws.bearerTokenBedrock}
	 */
	private static void credentials(BedrockConverseProperties properties, boolean bearerTokenFromEnvironment) {
		BedrockConverseProperties.Credentials credentials = properties.getCredentials();
		staticKeys(credentials);
		List<String> signing = signingProperties(credentials);
		if (bearerTokenFromEnvironment && !StringUtils.hasText(properties.getApiKey()) && !signing.isEmpty()) {
			throw new InvalidBedrockConverseConfigurationException(signing.get(0), null,
					"The environment variable " + BedrockApiKeys.ENVIRONMENT_VARIABLE + " (or the system property '"
							+ BedrockApiKeys.SYSTEM_PROPERTY + "') holds a Bedrock API key, which the AWS SDK would "
							+ "use instead of the configured AWS credentials (" + quoted(signing) + ").",
					"Unset " + BedrockApiKeys.ENVIRONMENT_VARIABLE + " to sign with AWS credentials, or remove "
							+ quoted(signing) + " to authenticate with the API key.");
		}
		boolean staticKeys = StringUtils.hasText(credentials.getAccessKeyId());
		profileFile(SHARED_CREDENTIALS_FILE, credentials.getSharedCredentialsFile(), staticKeys);
		profileFile(CONFIG_FILE, credentials.getConfigFile(), staticKeys);
		boolean assumeRole = assumeRole(credentials.getAssumeRole());
		boolean webIdentity = webIdentity(credentials, assumeRole);
		URI stsEndpoint = credentials.getStsEndpoint();
		if (stsEndpoint != null && !stsEndpoint.toString().isBlank()) {
			if (!assumeRole && !webIdentity) {
				throw new InvalidBedrockConverseConfigurationException(STS_ENDPOINT, stsEndpoint.toString(),
						"An STS endpoint is only used to assume a role, and no role is configured.",
						"Set '" + ASSUME_ROLE_ARN + "' or '" + WEB_IDENTITY_ROLE_ARN + "', or remove '" + STS_ENDPOINT
								+ "'.");
			}
			endpoint(stsEndpoint);
		}
	}

	private static void staticKeys(BedrockConverseProperties.Credentials credentials) {
		boolean hasKeyId = StringUtils.hasText(credentials.getAccessKeyId());
		boolean hasSecret = StringUtils.hasText(credentials.getSecretAccessKey());
		boolean hasToken = StringUtils.hasText(credentials.getSessionToken());
		boolean hasProfile = StringUtils.hasText(credentials.getProfile());
		if (hasKeyId && !hasSecret) {
			throw new InvalidBedrockConverseConfigurationException(SECRET_ACCESS_KEY, null,
					"The access key ID ('" + ACCESS_KEY_ID + "') is set but the secret access key is not.",
					"Set the property '" + SECRET_ACCESS_KEY + "' (for example through the environment variable "
							+ "BEDROCK_CONVERSE_CREDENTIALS_SECRET_ACCESS_KEY), or remove '" + ACCESS_KEY_ID
							+ "' to use the AWS SDK's default credentials provider chain.");
		}
		if (hasSecret && !hasKeyId) {
			throw new InvalidBedrockConverseConfigurationException(ACCESS_KEY_ID, null,
					"The secret access key ('" + SECRET_ACCESS_KEY + "') is set but the access key ID is not.",
					"Set the property '" + ACCESS_KEY_ID + "' to the access key ID that belongs to the secret, "
							+ "or remove '" + SECRET_ACCESS_KEY
							+ "' to use the AWS SDK's default credentials provider chain.");
		}
		if (hasToken && !hasKeyId) {
			throw new InvalidBedrockConverseConfigurationException(ACCESS_KEY_ID, null,
					"A session token ('" + SESSION_TOKEN
							+ "') is set but the access key ID and secret access key are not.",
					"Set the properties '" + ACCESS_KEY_ID + "' and '" + SECRET_ACCESS_KEY
							+ "' of the temporary credentials, or remove '" + SESSION_TOKEN + "'.");
		}
		if (hasProfile && hasKeyId) {
			throw new InvalidBedrockConverseConfigurationException(PROFILE, credentials.getProfile(),
					"Both a profile and static keys ('" + ACCESS_KEY_ID + "') are set.",
					"Remove either the property '" + PROFILE + "' or the static keys '" + ACCESS_KEY_ID + "' and '"
							+ SECRET_ACCESS_KEY + "'.");
		}
	}

	private static void profileFile(String property, @Nullable Path file, boolean staticKeys) {
		if (file == null) {
			return;
		}
		if (staticKeys) {
			throw new InvalidBedrockConverseConfigurationException(property, file.toString(),
					"Both a profile file and static keys ('" + ACCESS_KEY_ID + "') are set.",
					"Remove either the property '" + property + "' or the static keys '" + ACCESS_KEY_ID + "' and '"
							+ SECRET_ACCESS_KEY + "'.");
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new InvalidBedrockConverseConfigurationException(property, file.toString(),
					"The file does not exist or cannot be read.",
					"Set the property '" + property + "' to the path of a readable AWS profile file, or remove it "
							+ "to use the default location.");
		}
	}

	private static boolean assumeRole(BedrockConverseProperties.AssumeRole assumeRole) {
		String roleArn = assumeRole.getRoleArn();
		if (!StringUtils.hasText(roleArn)) {
			List<String> orphans = new ArrayList<>();
			if (!DEFAULT_SESSION_NAME.equals(assumeRole.getSessionName())) {
				orphans.add(ASSUME_ROLE_SESSION_NAME);
			}
			if (StringUtils.hasText(assumeRole.getExternalId())) {
				orphans.add(ASSUME_ROLE_EXTERNAL_ID);
			}
			if (assumeRole.getDuration() != null) {
				orphans.add(ASSUME_ROLE_DURATION);
			}
			if (!orphans.isEmpty()) {
				throw new InvalidBedrockConverseConfigurationException(ASSUME_ROLE_ARN, null,
						quoted(orphans) + " set but no role to assume.",
						"Set the property '" + ASSUME_ROLE_ARN + "' to the ARN of the IAM role, for example "
								+ "'arn:aws:iam::123456789012:role/bedrock-caller', or remove " + quoted(orphans)
								+ ".");
			}
			return false;
		}
		roleArn(ASSUME_ROLE_ARN, roleArn);
		sessionName(ASSUME_ROLE_SESSION_NAME, assumeRole.getSessionName());
		String externalId = assumeRole.getExternalId();
		if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
			throw new InvalidBedrockConverseConfigurationException(ASSUME_ROLE_EXTERNAL_ID, null,
					"It is not 2 to 1224 letters, digits or '+=,.@:/-_' characters.",
					"Set the property '" + ASSUME_ROLE_EXTERNAL_ID
							+ "' to the external ID of the role's trust policy, or remove it.");
		}
		Duration duration = assumeRole.getDuration();
		if (duration != null && (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0
				|| duration.getNano() != 0)) {
			throw new InvalidBedrockConverseConfigurationException(ASSUME_ROLE_DURATION, duration.toString(),
					"STS issues credentials for whole seconds between 15 minutes and 12 hours.",
					"Set the property '" + ASSUME_ROLE_DURATION + "' between 15m and 12h (and at most the role's "
							+ "maximum session duration), or remove it for STS's default of one hour.");
		}
		return true;
	}

	private static boolean webIdentity(BedrockConverseProperties.Credentials credentials, boolean assumeRole) {
		BedrockConverseProperties.WebIdentity webIdentity = credentials.getWebIdentity();
		String roleArn = webIdentity.getRoleArn();
		if (!StringUtils.hasText(roleArn)) {
			if (webIdentity.getTokenFile() != null || !DEFAULT_SESSION_NAME.equals(webIdentity.getSessionName())) {
				String orphan = (webIdentity.getTokenFile() != null) ? WEB_IDENTITY_TOKEN_FILE
						: WEB_IDENTITY_SESSION_NAME;
				throw new InvalidBedrockConverseConfigurationException(WEB_IDENTITY_ROLE_ARN, null,
						"'" + orphan + "' is set but no role to assume with the web identity token.",
						"Set the property '" + WEB_IDENTITY_ROLE_ARN + "' to the ARN of the IAM role, or remove '"
								+ orphan + "'.");
			}
			return false;
		}
		if (assumeRole) {
			throw new InvalidBedrockConverseConfigurationException(WEB_IDENTITY_ROLE_ARN, roleArn,
					"Both '" + WEB_IDENTITY_ROLE_ARN + "' and '" + ASSUME_ROLE_ARN + "' are set.",
					"Remove one of them: web identity credentials come from the token file alone.");
		}
		List<String> others = new ArrayList<>();
		if (StringUtils.hasText(credentials.getAccessKeyId())) {
			others.add(ACCESS_KEY_ID);
		}
		if (StringUtils.hasText(credentials.getProfile())) {
			others.add(PROFILE);
		}
		if (credentials.getSharedCredentialsFile() != null) {
			others.add(SHARED_CREDENTIALS_FILE);
		}
		if (credentials.getConfigFile() != null) {
			others.add(CONFIG_FILE);
		}
		if (!others.isEmpty()) {
			throw new InvalidBedrockConverseConfigurationException(WEB_IDENTITY_ROLE_ARN, roleArn,
					"Web identity credentials need no other credentials, yet " + quoted(others) + " are set.",
					"Remove either '" + WEB_IDENTITY_ROLE_ARN + "' or " + quoted(others) + ".");
		}
		roleArn(WEB_IDENTITY_ROLE_ARN, roleArn);
		sessionName(WEB_IDENTITY_SESSION_NAME, webIdentity.getSessionName());
		Path tokenFile = webIdentity.getTokenFile();
		if (tokenFile == null) {
			String fromEnvironment = SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().orElse(null);
			if (!StringUtils.hasText(fromEnvironment)) {
				throw new InvalidBedrockConverseConfigurationException(WEB_IDENTITY_TOKEN_FILE, null,
						"No web identity token file is configured and AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
						"Set the property '" + WEB_IDENTITY_TOKEN_FILE
								+ "' to the path of the OIDC token file, for example "
								+ "'/var/run/secrets/eks.amazonaws.com/serviceaccount/token'.");
			}
			tokenFile = Path.of(fromEnvironment.strip());
		}
		if (!Files.isRegularFile(tokenFile) || !Files.isReadable(tokenFile)) {
			throw new InvalidBedrockConverseConfigurationException(WEB_IDENTITY_TOKEN_FILE, tokenFile.toString(),
					"The web identity token file does not exist or cannot be read.",
					"Set the property '" + WEB_IDENTITY_TOKEN_FILE + "' to the path of a readable OIDC token file.");
		}
		return true;
	}

	private static void roleArn(String property, String roleArn) {
		if (!ROLE_ARN.matcher(roleArn.strip()).matches()) {
			throw new InvalidBedrockConverseConfigurationException(property, roleArn, "It is not an IAM role ARN.",
					"Set the property '" + property + "' to an ARN of the form "
							+ "'arn:aws:iam::123456789012:role/role-name'.");
		}
	}

	private static void sessionName(String property, String sessionName) {
		if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
			throw new InvalidBedrockConverseConfigurationException(property, sessionName,
					"A role session name is 2 to 64 letters, digits or '+=,.@-_' characters.", "Set the property '"
							+ property + "' to such a name, for example '" + DEFAULT_SESSION_NAME + "', or remove it.");
		}
	}

	private static void endpoint(URI endpoint) {
		String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!endpoint.isAbsolute() || endpoint.getHost() == null
				|| !("http".equals(scheme) || "https".equals(scheme))) {
			throw new InvalidBedrockConverseConfigurationException(STS_ENDPOINT, endpoint.toString(),
					"It is not an absolute http or https URI with a host.",
					"Set the property '" + STS_ENDPOINT + "' to an absolute URI, for example "
							+ "'https://sts.us-east-1.amazonaws.com', or remove it to use the regional STS endpoint.");
		}
	}

	/**
	 * The properties that make requests signed with AWS credentials rather than an API
	 * key.
	 * @param credentials the credentials
	 * @return the properties that make requests signed with AWS credentials rather than
	 * an API key
	 */
	private static List<String> signingProperties(BedrockConverseProperties.Credentials credentials) {
		List<String> names = new ArrayList<>();
		if (StringUtils.hasText(credentials.getAccessKeyId())) {
			names.add(ACCESS_KEY_ID);
		}
		if (StringUtils.hasText(credentials.getSecretAccessKey())) {
			names.add(SECRET_ACCESS_KEY);
		}
		if (StringUtils.hasText(credentials.getSessionToken())) {
			names.add(SESSION_TOKEN);
		}
		if (StringUtils.hasText(credentials.getProfile())) {
			names.add(PROFILE);
		}
		if (credentials.getSharedCredentialsFile() != null) {
			names.add(SHARED_CREDENTIALS_FILE);
		}
		if (credentials.getConfigFile() != null) {
			names.add(CONFIG_FILE);
		}
		if (StringUtils.hasText(credentials.getAssumeRole().getRoleArn())) {
			names.add(ASSUME_ROLE_ARN);
		}
		if (StringUtils.hasText(credentials.getWebIdentity().getRoleArn())) {
			names.add(WEB_IDENTITY_ROLE_ARN);
		}
		return names;
	}

	private static String quoted(List<String> names) {
		return "'" + String.join("', '", names) + "'";
	}

}
