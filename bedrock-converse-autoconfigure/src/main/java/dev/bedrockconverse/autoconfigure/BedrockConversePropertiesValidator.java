package dev.bedrockconverse.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import dev.bedrockconverse.autoconfigure.credentials.BedrockConverseAuthenticationValidator;
import dev.bedrockconverse.chat.BedrockConverseFallback;

/**
 * The rules of {@link BedrockConverseProperties}, applied once when they are bound
 * ({@link #validate(BedrockConverseProperties, Errors)}). A rule that an option owns is
 * not repeated here: the options are built and their refusal is reported against the
 * property. Secret values never reach an error.
 */
final class BedrockConversePropertiesValidator {

	static final String PREFIX = "bedrock.converse.";

	static final String REGION = PREFIX + "region";

	static final String ENDPOINT = PREFIX + "endpoint";

	/**
	 * AWS region names: a two-letter prefix, one or more words, a number, for example
	 * {@code us-east-1}, {@code us-gov-west-1} or {@code ap-southeast-5}.
	 */
	private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

	private BedrockConversePropertiesValidator() {
	}

	private static void region(String property, @Nullable String region, String unsetMeaning) {
		if (!StringUtils.hasText(region)) {
			return;
		}
		String candidate = region.strip();
		if (!REGION_PATTERN.matcher(candidate).matches()) {
			throw new InvalidBedrockConverseConfigurationException(property, region,
					"It is not an AWS region name (expected lower-case words and a number, such as 'us-east-1').",
					"Set the property '" + property + "' to the AWS region of Amazon Bedrock, for example "
							+ "'us-east-1', or remove it " + unsetMeaning + ".");
		}
	}

	private static void endpoint(String property, @Nullable URI endpoint, String unsetMeaning) {
		if (endpoint == null || endpoint.toString().isBlank()) {
			return;
		}
		String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : null;
		String problem = null;
		if (!endpoint.isAbsolute() || endpoint.isOpaque()) {
			problem = "It is not an absolute URI.";
		}
		else if (!"http".equals(scheme) && !"https".equals(scheme)) {
			problem = "Its scheme '" + endpoint.getScheme() + "' is neither 'http' nor 'https'.";
		}
		else if (endpoint.getHost() == null) {
			problem = "It has no host.";
		}
		if (problem != null) {
			throw new InvalidBedrockConverseConfigurationException(property, endpoint.toString(), problem,
					"Set the property '" + property + "' to an absolute http or https URI, for example "
							+ "'https://bedrock-runtime.us-east-1.amazonaws.com', or remove it " + unsetMeaning + ".");
		}
	}

	static final String FALLBACKS = PREFIX + "fallbacks";

	/**
	 * One entry of a list of fallbacks ({@code bedrock.converse.fallbacks} or a named
	 * model's), checked and converted.
	 * @param property the list's property
	 * @param index its index
	 * @param fallback the entry
	 * @return the fallback
	 * @throws InvalidBedrockConverseConfigurationException naming the entry's property
	 */
	static BedrockConverseFallback fallback(String property, int index, BedrockConverseProperties.Fallback fallback) {
		String entry = property + "[" + index + "]";
		region(entry + ".region", fallback.getRegion(), "to keep the request's region");
		endpoint(entry + ".endpoint", fallback.getEndpoint(), "to keep the client's endpoint");
		if (fallback.getModel() != null && fallback.getModel().isBlank()) {
			throw new InvalidBedrockConverseConfigurationException(entry + ".model", fallback.getModel(),
					"The model is blank.", "Set it to a Bedrock model ID or inference profile ID, or remove it to "
							+ "keep the request's model.");
		}
		String region = StringUtils.hasText(fallback.getRegion()) ? fallback.getRegion().strip() : null;
		String model = (fallback.getModel() != null) ? fallback.getModel().strip() : null;
		URI endpoint = (fallback.getEndpoint() != null && !fallback.getEndpoint().toString().isBlank())
				? fallback.getEndpoint() : null;
		if (region == null && model == null && endpoint == null) {
			throw new InvalidBedrockConverseConfigurationException(entry, null,
					"The fallback sets neither a region, a model nor an endpoint, so it would resend the request "
							+ "to where it just failed.",
					"Set '" + entry + ".region', '" + entry + ".model' or '" + entry + ".endpoint', or remove the "
							+ "entry.");
		}
		return new BedrockConverseFallback(region, model, endpoint);
	}

	static final String RETRY_MAX_ATTEMPTS = PREFIX + "retry.max-attempts";

	static final String RETRY_BASE_DELAY = PREFIX + "retry.base-delay";

	static final String RETRY_MAX_BACKOFF = PREFIX + "retry.max-backoff";

	static final String STREAM_FIRST_TOKEN_TIMEOUT = PREFIX + "stream.first-token-timeout";

	static final String STREAM_IDLE_TIMEOUT = PREFIX + "stream.idle-timeout";

	private static void retry(BedrockConverseProperties.Retry retry) {
		Integer maxAttempts = retry.getMaxAttempts();
		if (maxAttempts != null && maxAttempts < 1) {
			throw new InvalidBedrockConverseConfigurationException(RETRY_MAX_ATTEMPTS, String.valueOf(maxAttempts),
					"It must be at least 1 (the first attempt counts).",
					"Set the property '" + RETRY_MAX_ATTEMPTS + "' to 1 to disable retries or to a higher number, "
							+ "or remove it to use the retry mode's default.");
		}
		requirePositive(RETRY_BASE_DELAY, retry.getBaseDelay(), "the retry mode's default");
		requirePositive(RETRY_MAX_BACKOFF, retry.getMaxBackoff(), "the retry mode's default");
		if (retry.getBaseDelay() != null && retry.getMaxBackoff() != null
				&& retry.getBaseDelay().compareTo(retry.getMaxBackoff()) > 0) {
			throw new InvalidBedrockConverseConfigurationException(RETRY_BASE_DELAY, retry.getBaseDelay().toString(),
					"It is longer than '" + RETRY_MAX_BACKOFF + "' (" + retry.getMaxBackoff() + ").",
					"Set '" + RETRY_BASE_DELAY + "' below '" + RETRY_MAX_BACKOFF + "'.");
		}
	}

	static final String HEALTH_CACHE_TIME_TO_LIVE = PREFIX + "health.cache-time-to-live";

	private static void stream(BedrockConverseProperties.Stream stream) {
		requirePositive(STREAM_FIRST_TOKEN_TIMEOUT, stream.getFirstTokenTimeout(), "no first-token limit");
		requirePositive(STREAM_IDLE_TIMEOUT, stream.getIdleTimeout(), "no idle limit");
	}

	private static void requirePositive(String property, @Nullable Duration value, String unsetMeaning) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new InvalidBedrockConverseConfigurationException(property, value.toString(),
					"It must be a positive duration.", "Set the property '" + property
							+ "' to a positive duration such as '30s', or remove it for " + unsetMeaning + ".");
		}
	}

	static final String OPTIONS = PREFIX + "options.";

	private static final String GUARDRAIL_FIX = "Set both '" + OPTIONS + "guardrail.identifier' and '" + OPTIONS
			+ "guardrail.version' (for example '1' or 'DRAFT'), or remove the guardrail properties.";

	/**
	 * How to fix a value that an option refused, by option property (relative to
	 * {@code bedrock.converse.options.}). The option's own message says why.
	 */
	private static final Map<String, String> OPTION_FIXES = Map.ofEntries(
			Map.entry("max-tokens", "Set it to a positive number of tokens, or remove it to use the model's default."),
			Map.entry("temperature", "Set it to a value from 0 to 1, or remove it to use the model's default."),
			Map.entry("top-p", "Set it to a value from 0 to 1, or remove it to use the model's default."),
			Map.entry("tool-choice",
					"Set it to 'auto', 'any' or 'tool:<name>', for example 'tool:get_weather', or remove it."),
			Map.entry("additional-model-request-fields", "Use nested maps, lists, strings, numbers and booleans only."),
			Map.entry("additional-model-response-field-paths",
					"Write each path as a JSON pointer, for example '/stop_sequence'."),
			Map.entry("request-metadata",
					"Use at most 16 entries whose keys (1 to 256) and values (0 to 256) hold only letters, digits, "
							+ "whitespace and the characters :_@$#=/+,-."),
			Map.entry("performance-latency", "Set it to 'standard' or 'optimized', or remove it."),
			Map.entry("service-tier", "Set it to 'priority', 'default', 'flex' or 'reserved', or remove it."),
			Map.entry("reasoning",
					"Set 'reasoning.budget-tokens' to a positive number of tokens (Claude needs at least 1024) and/or "
							+ "'reasoning.effort' to the model's effort level, for example 'low', 'medium' or 'high'; "
							+ "with 'reasoning.enabled=false' set neither."),
			Map.entry("cache-ttl", "Set it to '5m' or '1h', or remove it."),
			Map.entry("guardrail.identifier", GUARDRAIL_FIX), Map.entry("guardrail.version", GUARDRAIL_FIX));

	/**
	 * The error of an option that refused the value of its property.
	 * @param prefix the prefix of the options' properties, such as
	 * {@code bedrock.converse.options.}
	 * @param name the option's property, relative to the prefix
	 * @param value the refused value; maps are never echoed (request metadata may
	 * identify users)
	 * @param ex the option's refusal
	 * @return the error to throw
	 */
	static InvalidBedrockConverseConfigurationException invalidOption(String prefix, String name,
			@Nullable Object value, IllegalArgumentException ex) {
		String shown = (value instanceof CharSequence || value instanceof Number || value instanceof Enum<?>
				|| value instanceof Duration || value instanceof List<?>) ? String.valueOf(value) : null;
		return new InvalidBedrockConverseConfigurationException(prefix + name, shown, ex.getMessage(),
				OPTION_FIXES.getOrDefault(name, "Correct the property '" + prefix + name + "', or remove it."));
	}

	/**
	 * The prefix of the properties of a named model.
	 * @param name the name of the model
	 * @return {@code bedrock.converse.models.<name>.}
	 */
	static String namedModel(String name) {
		return PREFIX + "models." + name + ".";
	}

	private static void namedModel(BedrockConverseProperties properties, String name) {
		BedrockConverseProperties.NamedModel named = properties.getModels().get(name);
		String prefix = namedModel(name);
		if (!StringUtils.hasText(named.getModel())) {
			throw new InvalidBedrockConverseConfigurationException(prefix + "model", named.getModel(),
					"The named model '" + name + "' has no model.",
					"Set the property '" + prefix + "model' to a Bedrock model ID or inference profile ID, for "
							+ "example 'amazon.nova-micro-v1:0', or remove the named model.");
		}
		region(prefix + "region", named.getRegion(), "to use the top-level region");
		endpoint(prefix + "endpoint", named.getEndpoint(), "to use the top-level endpoint");
		properties.toOptions(name);
		properties.toFallbacks(name);
	}

	/**
	 * Validate bound properties: every group of rules runs, and each broken rule becomes
	 * a field error of the property, without the value of a secret.
	 * @param properties the bound properties
	 * @param errors the errors to add to
	 */
	static void validate(BedrockConverseProperties properties, Errors errors) {
		check(errors,
				() -> region(REGION, properties.getRegion(), "to use the AWS SDK's default region provider chain"));
		check(errors,
				() -> endpoint(ENDPOINT, properties.getEndpoint(), "to use the regional Bedrock Runtime endpoint"));
		check(errors, properties::toFallbacks);
		check(errors, () -> retry(properties.getRetry()));
		check(errors, () -> stream(properties.getStream()));
		check(errors, () -> requirePositive(HEALTH_CACHE_TIME_TO_LIVE, properties.getHealth().getCacheTimeToLive(),
				"the default of 60 seconds"));
		check(errors, properties::toOptions);
		properties.getModels().keySet().forEach((name) -> check(errors, () -> namedModel(properties, name)));
		check(errors, () -> BedrockConverseAuthenticationValidator.validate(properties));
	}

	private static void check(Errors errors, Runnable rules) {
		try {
			rules.run();
		}
		catch (InvalidBedrockConverseConfigurationException ex) {
			String field = ex.getProperty().substring(PREFIX.length());
			if (errors instanceof BindingResult result) {
				// Not rejectValue(): it would record the bound value, which may be a
				// secret, and BindValidationException prints the rejected value.
				result.addError(new FieldError(result.getObjectName(), field, ex.getValue(), false,
						new String[] { ERROR_CODE }, new Object[] { ex.getAction() }, ex.getReason()));
			}
			else {
				errors.reject(ERROR_CODE, new Object[] { ex.getAction() }, ex.getMessage());
			}
		}
	}

	static final String ERROR_CODE = "bedrock.converse.invalid";

}
