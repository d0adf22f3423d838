package dev.bedrockconverse.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseFallback;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseModelQuirks;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.StructuredOutputMode;

/**
 * Configuration properties for the Amazon Bedrock Converse chat model, under
 * {@code bedrock.converse}.
 * <p>
 * The only required property is {@code bedrock.converse.model}. Everything else falls
 * back to the AWS SDK's own defaults: the default region provider chain, the default
 * credentials provider chain and the SDK's timeouts.
 * <p>
 * The properties validate themselves when they are bound (this class is its own
 * {@link Validator}), so a bad value fails start-up as a
 * {@link org.springframework.boot.context.properties.bind.validation.BindValidationException}
 * that names the property and where it was set. {@link #toOptions()} is the one place
 * where properties become {@link BedrockConverseChatOptions}.
 * <p>
 * This class deliberately has no {@code toString()} that prints its values: the
 * credentials hold secrets.
 */
@ConfigurationProperties("bedrock.converse")
public class BedrockConverseProperties implements Validator {

	/**
	 * Bedrock model ID or inference profile ID used when a prompt names no model, for
	 * example 'amazon.nova-lite-v1:0' or 'us.anthropic.claude-3-5-haiku-20241022-v1:0'.
	 * Required.
	 */
	private @Nullable String model;

	/**
	 * AWS region of the Bedrock Runtime endpoint, for example 'us-east-1'. When not set,
	 * the AWS SDK's default region provider chain is used (the 'aws.region' system
	 * property, the AWS_REGION environment variable, the AWS config file, then instance
	 * metadata).
	 */
	private @Nullable String region;

	/**
	 * Endpoint URI that replaces the regional Bedrock Runtime endpoint, for example a VPC
	 * interface endpoint or a local stub. Must be an absolute http or https URI. Requests
	 * are still signed for the configured region.
	 */
	private @Nullable URI endpoint;

	/**
	 * Amazon Bedrock API key. When set, requests carry it as a bearer token instead of
	 * being signed with AWS credentials; cannot be combined with the
	 * 'bedrock.converse.credentials.*' properties. When not set, the AWS SDK's own
	 * AWS_BEARER_TOKEN_BEDROCK environment variable (or 'aws.bearerTokenBedrock' system
	 * property) does the same. A secret: pass it through the environment, for example
	 * BEDROCK_CONVERSE_API_KEY.
	 */
	private @Nullable String apiKey;

	/**
	 * AWS credentials used to sign requests.
	 */
	private final Credentials credentials = new Credentials();

	/**
	 * Default options of every chat request.
	 */
	private final Options options = new Options();

	/**
	 * Timeouts of the AWS SDK clients.
	 */
	private final Client client = new Client();

	/**
	 * Retries of the AWS SDK clients.
	 */
	private final Retry retry = new Retry();

	/**
	 * Timeouts of streamed replies.
	 */
	private final Stream stream = new Stream();

	/**
	 * Whether consecutive messages of the same role (for example two user messages from a
	 * chat memory) are merged into one Converse turn. When false, such a conversation is
	 * rejected before it is sent, since Converse requires user and assistant turns to
	 * alternate.
	 */
	private boolean mergeConsecutiveMessages;

	/**
	 * Whether to repair the histories a chat memory window breaks before sending: turns
	 * before the first user turn are dropped (a window starting with an assistant turn,
	 * or with a tool result whose tool use was cut off) and consecutive turns of one role
	 * are merged. Each repair is listed in the response metadata ('historyRepairs') and
	 * logged at DEBUG; nothing else in a history is changed. When false, such a history
	 * is rejected before it is sent.
	 */
	private boolean historyRepair;

	/**
	 * Where a request goes, in order, when the SDK's retries are exhausted on throttling,
	 * service unavailable, model not ready or model timeout: each entry sets a 'region',
	 * a 'model' (model id or inference profile) and/or an 'endpoint', and inherits the
	 * rest (and the credentials) from the request. A call fails over; a stream only
	 * before its first response. Validation and access errors never fail over.
	 */
	private List<Fallback> fallbacks = new ArrayList<>();

	/**
	 * Named models, by bean name: each is a ChatBedrockConverse bean injectable with a
	 * qualifier of its name, inheriting connection, credentials and options from the top
	 * level and overriding what it sets. The top-level model stays the primary ChatModel.
	 */
	private final Map<String, NamedModel> models = new LinkedHashMap<>();

	/**
	 * Checks of every model (the top-level one and the named ones) at start-up.
	 */
	private final StartupCheck startupCheck = new StartupCheck();

	/**
	 * The health indicator of every model, under /actuator/health.
	 */
	private final Health health = new Health();

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public Credentials getCredentials() {
		return this.credentials;
	}

	public Options getOptions() {
		return this.options;
	}

	public Client getClient() {
		return this.client;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Stream getStream() {
		return this.stream;
	}

	public List<Fallback> getFallbacks() {
		return this.fallbacks;
	}

	public void setFallbacks(List<Fallback> fallbacks) {
		this.fallbacks = new ArrayList<>(fallbacks);
	}

	/**
	 * The fallbacks these properties describe, for
	 * {@code ChatBedrockConverse.Builder.fallbacks}.
	 * @return the fallbacks, in order
	 * @throws InvalidBedrockConverseConfigurationException if an entry is invalid; the
	 * exception names it ({@code bedrock.converse.fallbacks[i]...})
	 */
	public List<BedrockConverseFallback> toFallbacks() {
		return toFallbacks(BedrockConversePropertiesValidator.FALLBACKS, this.fallbacks);
	}

	/**
	 * The fallbacks of a named model ({@code bedrock.converse.models.<name>.fallbacks}),
	 * checked.
	 * @param name the model's name
	 * @return the fallbacks, in order
	 * @throws InvalidBedrockConverseConfigurationException if an entry is invalid; the
	 * exception names it
	 */
	public List<BedrockConverseFallback> toFallbacks(String name) {
		return toFallbacks(BedrockConversePropertiesValidator.namedModel(name) + "fallbacks",
				this.models.get(name).getFallbacks());
	}

	private static List<BedrockConverseFallback> toFallbacks(String property, List<Fallback> fallbacks) {
		List<BedrockConverseFallback> result = new ArrayList<>(fallbacks.size());
		for (int i = 0; i < fallbacks.size(); i++) {
			result.add(BedrockConversePropertiesValidator.fallback(property, i, fallbacks.get(i)));
		}
		return List.copyOf(result);
	}

	public boolean isMergeConsecutiveMessages() {
		return this.mergeConsecutiveMessages;
	}

	public void setMergeConsecutiveMessages(boolean mergeConsecutiveMessages) {
		this.mergeConsecutiveMessages = mergeConsecutiveMessages;
	}

	public boolean isHistoryRepair() {
		return this.historyRepair;
	}

	public void setHistoryRepair(boolean historyRepair) {
		this.historyRepair = historyRepair;
	}

	public Map<String, NamedModel> getModels() {
		return this.models;
	}

	public StartupCheck getStartupCheck() {
		return this.startupCheck;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * The default chat options these properties describe: one line per option, whose
	 * property is named after it ({@code model}, else
	 * {@code options.<option-in-kebab-case>}).
	 * @return the default options
	 * @throws InvalidBedrockConverseConfigurationException if an option refuses its
	 * value; the exception names the property
	 */
	public BedrockConverseChatOptions toOptions() {
		return toOptions(this.model, this.options, BedrockConversePropertiesValidator.OPTIONS);
	}

	/**
	 * The default chat options of a named model: the top-level options
	 * ({@link #toOptions()}) with the values the named model sets over them (Spring AI's
	 * {@code combineWith}: the named model's set values win).
	 * @param name the name of the model, a key of {@link #getModels()}
	 * @return the default options of the named model
	 * @throws InvalidBedrockConverseConfigurationException if an option refuses its
	 * value; the exception names the property
	 * ({@code bedrock.converse.models.<name>.options.<option>})
	 */
	public BedrockConverseChatOptions toOptions(String name) {
		NamedModel named = this.models.get(name);
		if (named == null) {
			throw new IllegalArgumentException("No model named '" + name + "' is configured");
		}
		BedrockConverseChatOptions own = toOptions(named.getModel(), named.getOptions(),
				BedrockConversePropertiesValidator.namedModel(name) + "options.");
		return toOptions().mutate().combineWith(own.mutate()).build();
	}

	private static BedrockConverseChatOptions toOptions(@Nullable String model, Options options, String prefix) {
		PropertyMapper map = PropertyMapper.get();
		Guardrail guardrail = options.getGuardrail();
		BedrockConverseChatOptions.Builder builder = BedrockConverseChatOptions.builder();
		map.from(model).whenHasText().as(String::strip).to(builder::model);
		map.from(options::getMaxTokens).to(option(prefix, "max-tokens", builder::maxTokens));
		map.from(options::getTemperature).to(option(prefix, "temperature", builder::temperature));
		map.from(options::getTopP).to(option(prefix, "top-p", builder::topP));
		map.from(options::getStopSequences).whenNot(List::isEmpty).as(List::copyOf).to(builder::stopSequences);
		map.from(options::getToolChoice).whenHasText().to(option(prefix, "tool-choice", parsed(builder::toolChoice)));
		map.from(options::getToolStrict).to(builder::toolStrict);
		map.from(options::getStructuredOutputMode).to(builder::structuredOutputMode);
		map.from(options::getAdditionalModelRequestFields)
			.whenNot(Map::isEmpty)
			.to(option(prefix, "additional-model-request-fields", builder::additionalModelRequestFields));
		map.from(options::getAdditionalModelResponseFieldPaths)
			.whenNot(List::isEmpty)
			.to(option(prefix, "additional-model-response-field-paths", builder::additionalModelResponseFieldPaths));
		map.from(options::getRequestMetadata)
			.whenNot(Map::isEmpty)
			.as(Map::copyOf)
			.to(option(prefix, "request-metadata", builder::requestMetadata));
		map.from(options::getPerformanceLatency).to(option(prefix, "performance-latency", builder::performanceLatency));
		map.from(options::getServiceTier).to(option(prefix, "service-tier", builder::serviceTier));
		map.from(guardrail)
			.when(Guardrail::hasAnyValue)
			.to(option(prefix, guardrail.blamedProperty(), guardrail.toOption(builder)));
		map.from(options::getPromptVariables).whenNot(Map::isEmpty).as(Map::copyOf).to(builder::promptVariables);
		map.from(options.getReasoning())
			.when(Reasoning::hasAnyValue)
			.to(option(prefix, "reasoning", (reasoning) -> builder.reasoning(reasoning.toOption())));
		map.from(options::getModelFamily).whenHasText().to(builder::modelFamily);
		map.from(options::getModelQuirks).whenNot(Map::isEmpty).to(builder::modelQuirks);
		map.from(options::getCacheStrategy).to(builder::cacheStrategy);
		map.from(options::getCacheTtl).to(option(prefix, "cache-ttl", builder::cacheTtl));
		map.from(options::getDocumentCitations).to(builder::documentCitations);
		map.from(options::getSystemTools)
			.whenNot(List::isEmpty)
			.to(option(prefix, "system-tools", builder::systemTools));
		return builder.build();
	}

	private static Consumer<String> parsed(Consumer<BedrockConverseToolChoice> setter) {
		return (value) -> setter.accept(BedrockConverseToolChoice.parse(value));
	}

	/**
	 * A setter of the options builder that reports a refused value against the property
	 * {@code <prefix><name>}.
	 * @param <T> the type of the value
	 * @param prefix the prefix of the options' properties, such as
	 * {@code bedrock.converse.options.}
	 * @param name the name
	 * @param setter the setter
	 * @return a setter of the options builder that reports a refused value against the
	 * property {@code <prefix><name>}
	 */
	private static <T> Consumer<T> option(String prefix, String name, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (IllegalArgumentException ex) {
				throw BedrockConversePropertiesValidator.invalidOption(prefix, name, value, ex);
			}
		};
	}

	@Override
	public boolean supports(Class<?> type) {
		return BedrockConverseProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		BedrockConversePropertiesValidator.validate((BedrockConverseProperties) target, errors);
	}

	/**
	 * Credentials properties. With neither static keys, a profile, profile files nor web
	 * identity, the AWS SDK's default credentials provider chain is used. An assumed role
	 * is assumed with whichever of these credentials applies.
	 */
	public static class Credentials {

		/**
		 * AWS access key ID of static credentials. Requires the secret access key.
		 */
		private @Nullable String accessKeyId;

		/**
		 * AWS secret access key of static credentials. Requires the access key ID.
		 */
		private @Nullable String secretAccessKey;

		/**
		 * AWS session token of temporary static credentials. Requires the access key ID
		 * and the secret access key.
		 */
		private @Nullable String sessionToken;

		/**
		 * Name of a profile in the AWS shared config and credentials files to take
		 * credentials from. Cannot be combined with static keys.
		 */
		private @Nullable String profile;

		/**
		 * Path of the AWS shared credentials file to read profiles from, instead of
		 * ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE). Re-read when it changes.
		 * Cannot be combined with static keys.
		 */
		private @Nullable Path sharedCredentialsFile;

		/**
		 * Path of the AWS config file to read profiles from, instead of ~/.aws/config (or
		 * AWS_CONFIG_FILE). Re-read when it changes. Cannot be combined with static keys.
		 */
		private @Nullable Path configFile;

		/**
		 * Endpoint URI of AWS STS for 'assume-role' and 'web-identity', for example an
		 * STS VPC interface endpoint or a local stub. When not set, the regional STS
		 * endpoint of the configured region is used.
		 */
		private @Nullable URI stsEndpoint;

		/**
		 * IAM role to assume with STS AssumeRole, signed with the credentials configured
		 * otherwise (static keys, profile or the default chain).
		 */
		private final AssumeRole assumeRole = new AssumeRole();

		/**
		 * IAM role to assume with STS AssumeRoleWithWebIdentity and an OIDC token file,
		 * as on EKS (IRSA) or other OIDC providers.
		 */
		private final WebIdentity webIdentity = new WebIdentity();

		public @Nullable String getAccessKeyId() {
			return this.accessKeyId;
		}

		public void setAccessKeyId(@Nullable String accessKeyId) {
			this.accessKeyId = accessKeyId;
		}

		public @Nullable String getSecretAccessKey() {
			return this.secretAccessKey;
		}

		public void setSecretAccessKey(@Nullable String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
		}

		public @Nullable String getSessionToken() {
			return this.sessionToken;
		}

		public void setSessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		public @Nullable Path getSharedCredentialsFile() {
			return this.sharedCredentialsFile;
		}

		public void setSharedCredentialsFile(@Nullable Path sharedCredentialsFile) {
			this.sharedCredentialsFile = sharedCredentialsFile;
		}

		public @Nullable Path getConfigFile() {
			return this.configFile;
		}

		public void setConfigFile(@Nullable Path configFile) {
			this.configFile = configFile;
		}

		public @Nullable URI getStsEndpoint() {
			return this.stsEndpoint;
		}

		public void setStsEndpoint(@Nullable URI stsEndpoint) {
			this.stsEndpoint = stsEndpoint;
		}

		public AssumeRole getAssumeRole() {
			return this.assumeRole;
		}

		public WebIdentity getWebIdentity() {
			return this.webIdentity;
		}

	}

	/**
	 * STS AssumeRole properties.
	 */
	public static class AssumeRole {

		/**
		 * ARN of the IAM role to assume, for example
		 * 'arn:aws:iam::123456789012:role/bedrock-caller'. Setting it switches to
		 * assumed-role credentials, refreshed before they expire.
		 */
		private @Nullable String roleArn;

		/**
		 * Name of the role session, shown in CloudTrail: 2 to 64 letters, digits or
		 * '+=,.@-_'.
		 */
		private String sessionName = "bedrock-converse";

		/**
		 * External ID the role's trust policy requires, if any.
		 */
		private @Nullable String externalId;

		/**
		 * Lifetime of the assumed credentials, from 15 minutes up to the role's maximum
		 * session duration (at most 12 hours). When not set, STS's default of one hour
		 * applies.
		 */
		private @Nullable Duration duration;

		public @Nullable String getRoleArn() {
			return this.roleArn;
		}

		public void setRoleArn(@Nullable String roleArn) {
			this.roleArn = roleArn;
		}

		public String getSessionName() {
			return this.sessionName;
		}

		public void setSessionName(String sessionName) {
			this.sessionName = sessionName;
		}

		public @Nullable String getExternalId() {
			return this.externalId;
		}

		public void setExternalId(@Nullable String externalId) {
			this.externalId = externalId;
		}

		public @Nullable Duration getDuration() {
			return this.duration;
		}

		public void setDuration(@Nullable Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * STS AssumeRoleWithWebIdentity properties.
	 */
	public static class WebIdentity {

		/**
		 * ARN of the IAM role to assume with the web identity token. Setting it switches
		 * to web-identity credentials, refreshed before they expire.
		 */
		private @Nullable String roleArn;

		/**
		 * Path of the file holding the OIDC web identity token, re-read at every refresh.
		 * When not set, the AWS_WEB_IDENTITY_TOKEN_FILE environment variable is used.
		 */
		private @Nullable Path tokenFile;

		/**
		 * Name of the role session, shown in CloudTrail: 2 to 64 letters, digits or
		 * '+=,.@-_'.
		 */
		private String sessionName = "bedrock-converse";

		public @Nullable String getRoleArn() {
			return this.roleArn;
		}

		public void setRoleArn(@Nullable String roleArn) {
			this.roleArn = roleArn;
		}

		public @Nullable Path getTokenFile() {
			return this.tokenFile;
		}

		public void setTokenFile(@Nullable Path tokenFile) {
			this.tokenFile = tokenFile;
		}

		public String getSessionName() {
			return this.sessionName;
		}

		public void setSessionName(String sessionName) {
			this.sessionName = sessionName;
		}

	}

	/**
	 * Default chat options. A prompt's own options override them field by field.
	 */
	public static class Options {

		/**
		 * Maximum number of tokens to generate in a response. When not set, the model's
		 * own default applies.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * Sampling temperature, typically between 0 and 1; lower is more deterministic.
		 * When not set, the model's own default applies.
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling probability mass, between 0 and 1. When not set, the model's
		 * own default applies.
		 */
		private @Nullable Double topP;

		/**
		 * Sequences that stop generation when the model produces them.
		 */
		private List<String> stopSequences = new ArrayList<>();

		/**
		 * How the model must use the tools it is given: 'auto', 'any' or 'tool:' followed
		 * by a tool's name. When not set, Bedrock's default (auto) applies. Only valid
		 * together with tools.
		 */
		private @Nullable String toolChoice;

		/**
		 * Whether every tool's input schema is enforced strictly (toolSpec.strict). When
		 * not set, Bedrock's default applies.
		 */
		private @Nullable Boolean toolStrict;

		/**
		 * How an output JSON schema (ChatClient entity() with provider structured output)
		 * is sent: 'native' (outputConfig.textFormat json_schema) or 'tool' (a forced
		 * 'structured_output' tool, for models without native structured output). When
		 * not set, 'native'.
		 */
		private @Nullable StructuredOutputMode structuredOutputMode;

		/**
		 * Model-specific request fields (additionalModelRequestFields), as nested maps,
		 * lists, strings, numbers and booleans, for example 'top_k' or
		 * 'thinking.budget_tokens'.
		 */
		private Map<String, Object> additionalModelRequestFields = new LinkedHashMap<>();

		/**
		 * JSON pointers of model-specific response fields to return
		 * (additionalModelResponseFieldPaths), for example '/stop_sequence'; the fields
		 * are in the response metadata under 'additionalModelResponseFields'.
		 */
		private List<String> additionalModelResponseFieldPaths = new ArrayList<>();

		/**
		 * Request metadata for Bedrock's invocation logs (requestMetadata): at most 16
		 * entries; keys of 1 to 256 and values of 0 to 256 letters, digits, whitespace
		 * and ':_@$#=/+,-.' characters.
		 */
		private Map<String, String> requestMetadata = new LinkedHashMap<>();

		/**
		 * Latency profile (performanceConfig.latency): 'standard' or 'optimized'. When
		 * not set, Bedrock's default (standard) applies.
		 */
		private @Nullable PerformanceConfigLatency performanceLatency;

		/**
		 * Service tier (serviceTier.type): 'priority', 'default', 'flex' or 'reserved'.
		 * When not set, Bedrock's default applies.
		 */
		private @Nullable ServiceTierType serviceTier;

		/**
		 * Values of the variables of a Prompt Management prompt used as the model
		 * (promptVariables), by variable name.
		 */
		private Map<String, String> promptVariables = new LinkedHashMap<>();

		/**
		 * Where prompt-caching cache points are put automatically: 'none', 'system',
		 * 'tools', 'system-and-tools' or 'conversation-history'. When not set, none.
		 */
		private @Nullable BedrockConverseCacheStrategy cacheStrategy;

		/**
		 * Time to live of every cache point: '5m' or '1h'. When not set, Bedrock's
		 * default (5 minutes) applies.
		 */
		private @Nullable Duration cacheTtl;

		/**
		 * Whether documents attached to user messages are sent with citations enabled, so
		 * the model cites them. When not set, citations are off.
		 */
		private @Nullable Boolean documentCitations;

		/**
		 * Bedrock system tools the model may run itself (toolConfig.tools[].systemTool),
		 * by name, e.g. 'nova_grounding' (web grounding) or 'nova_code_interpreter'.
		 */
		private List<String> systemTools = new ArrayList<>();

		/**
		 * Guardrail applied to every request (guardrailConfig).
		 */
		private final Guardrail guardrail = new Guardrail();

		/**
		 * Reasoning, mapped to what the model's family reads (see 'model-family').
		 */
		private final Reasoning reasoning = new Reasoning();

		/**
		 * Model family the model id stands for, when the id does not say (an application
		 * inference profile or a prompt router ARN): a family such as 'anthropic',
		 * 'amazon' or 'openai', or better a foundation model id such as
		 * 'anthropic.claude-sonnet-4-6'. When not set, the family is read from the model
		 * id.
		 */
		private @Nullable String modelFamily;

		/**
		 * Overrides of what a model family accepts, by family name (such as 'anthropic',
		 * 'amazon', 'meta', 'mistral'): 'tool-choice-any', 'tool-choice-tool',
		 * 'tool-cache-points', 'forced-tool-with-reasoning' and 'temperature-with-top-p',
		 * each true or false; unset ones keep the family's default. Used only to fail
		 * before sending a request the model would reject.
		 */
		private Map<String, BedrockConverseModelQuirks> modelQuirks = new LinkedHashMap<>();

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public List<String> getStopSequences() {
			return this.stopSequences;
		}

		public void setStopSequences(List<String> stopSequences) {
			this.stopSequences = stopSequences;
		}

		public @Nullable String getToolChoice() {
			return this.toolChoice;
		}

		public void setToolChoice(@Nullable String toolChoice) {
			this.toolChoice = toolChoice;
		}

		public @Nullable Boolean getToolStrict() {
			return this.toolStrict;
		}

		public void setToolStrict(@Nullable Boolean toolStrict) {
			this.toolStrict = toolStrict;
		}

		public @Nullable StructuredOutputMode getStructuredOutputMode() {
			return this.structuredOutputMode;
		}

		public void setStructuredOutputMode(@Nullable StructuredOutputMode structuredOutputMode) {
			this.structuredOutputMode = structuredOutputMode;
		}

		public Map<String, Object> getAdditionalModelRequestFields() {
			return this.additionalModelRequestFields;
		}

		public void setAdditionalModelRequestFields(Map<String, Object> additionalModelRequestFields) {
			this.additionalModelRequestFields = additionalModelRequestFields;
		}

		public List<String> getAdditionalModelResponseFieldPaths() {
			return this.additionalModelResponseFieldPaths;
		}

		public void setAdditionalModelResponseFieldPaths(List<String> additionalModelResponseFieldPaths) {
			this.additionalModelResponseFieldPaths = additionalModelResponseFieldPaths;
		}

		public Map<String, String> getRequestMetadata() {
			return this.requestMetadata;
		}

		public void setRequestMetadata(Map<String, String> requestMetadata) {
			this.requestMetadata = requestMetadata;
		}

		public @Nullable PerformanceConfigLatency getPerformanceLatency() {
			return this.performanceLatency;
		}

		public void setPerformanceLatency(@Nullable PerformanceConfigLatency performanceLatency) {
			this.performanceLatency = performanceLatency;
		}

		public @Nullable ServiceTierType getServiceTier() {
			return this.serviceTier;
		}

		public void setServiceTier(@Nullable ServiceTierType serviceTier) {
			this.serviceTier = serviceTier;
		}

		public Map<String, String> getPromptVariables() {
			return this.promptVariables;
		}

		public void setPromptVariables(Map<String, String> promptVariables) {
			this.promptVariables = promptVariables;
		}

		public Reasoning getReasoning() {
			return this.reasoning;
		}

		public @Nullable String getModelFamily() {
			return this.modelFamily;
		}

		public void setModelFamily(@Nullable String modelFamily) {
			this.modelFamily = modelFamily;
		}

		public Map<String, BedrockConverseModelQuirks> getModelQuirks() {
			return this.modelQuirks;
		}

		public void setModelQuirks(Map<String, BedrockConverseModelQuirks> modelQuirks) {
			this.modelQuirks = modelQuirks;
		}

		public @Nullable BedrockConverseCacheStrategy getCacheStrategy() {
			return this.cacheStrategy;
		}

		public void setCacheStrategy(@Nullable BedrockConverseCacheStrategy cacheStrategy) {
			this.cacheStrategy = cacheStrategy;
		}

		public @Nullable Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(@Nullable Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public @Nullable Boolean getDocumentCitations() {
			return this.documentCitations;
		}

		public void setDocumentCitations(@Nullable Boolean documentCitations) {
			this.documentCitations = documentCitations;
		}

		public List<String> getSystemTools() {
			return this.systemTools;
		}

		public void setSystemTools(List<String> systemTools) {
			this.systemTools = systemTools;
		}

		public Guardrail getGuardrail() {
			return this.guardrail;
		}

	}

	/**
	 * Reasoning: on or off, a token budget and/or an effort, mapped per model family.
	 */
	public static class Reasoning {

		/**
		 * Whether the model reasons: 'true' to switch reasoning on (as the family does by
		 * default), 'false' to switch it off. A budget or an effort implies 'true'.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Token budget for reasoning: Anthropic Claude's extended-thinking budget
		 * (thinking.budget_tokens, at least 1024 and below max-tokens).
		 */
		private @Nullable Integer budgetTokens;

		/**
		 * Reasoning effort: 'low', 'medium' or 'high' (Claude also 'xhigh' and 'max').
		 * Claude 4.6 and later: adaptive thinking with outputConfig.effort; Amazon Nova
		 * 2: reasoningConfig.maxReasoningEffort; OpenAI gpt-oss: reasoning_effort.
		 */
		private @Nullable String effort;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getBudgetTokens() {
			return this.budgetTokens;
		}

		public void setBudgetTokens(@Nullable Integer budgetTokens) {
			this.budgetTokens = budgetTokens;
		}

		public @Nullable String getEffort() {
			return this.effort;
		}

		public void setEffort(@Nullable String effort) {
			this.effort = effort;
		}

		boolean hasAnyValue() {
			return this.enabled != null || this.budgetTokens != null || this.effort != null;
		}

		BedrockConverseChatOptions.Reasoning toOption() {
			return new BedrockConverseChatOptions.Reasoning(this.enabled, this.budgetTokens, this.effort);
		}

	}

	/**
	 * A named model: a chat model of its own, with the connection, credentials and
	 * options of the top level except what it sets. Its 'model' is required; its 'region'
	 * and 'endpoint', when not set, are the top level's.
	 */
	public static class NamedModel extends Destination {

		/**
		 * Default options of this model, over the top-level options: each option set here
		 * replaces the top-level one.
		 */
		private final Options options = new Options();

		/**
		 * Where this model's requests go, in order, when they cannot be answered where
		 * they were sent (as 'bedrock.converse.fallbacks' for the top-level model, whose
		 * fallbacks named models do not inherit).
		 */
		private final List<Fallback> fallbacks = new ArrayList<>();

		public Options getOptions() {
			return this.options;
		}

		public List<Fallback> getFallbacks() {
			return this.fallbacks;
		}

	}

	/**
	 * Checks of the configured models at start-up.
	 */
	public static class StartupCheck {

		/**
		 * Whether every model's region and inference profile prefix are checked to agree
		 * at start-up (for example an 'eu.' profile in 'us-east-1' fails). No request is
		 * sent.
		 */
		private boolean enabled;

		/**
		 * Whether the start-up check also calls CountTokens (never a billed generation)
		 * once per model, so that a model without access, an unknown model or bad
		 * credentials fail start-up. Requires 'enabled'.
		 */
		private boolean reachability;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isReachability() {
			return this.reachability;
		}

		public void setReachability(boolean reachability) {
			this.reachability = reachability;
		}

	}

	/**
	 * The health indicator of the models: one CountTokens call per model (never a billed
	 * generation), cached.
	 */
	public static class Health {

		/**
		 * Whether the 'bedrockConverse' health contributor (one indicator per model: the
		 * primary one as 'default' and each named one) is registered. Off by default, as
		 * each check calls Bedrock; 'management.health.bedrock-converse.enabled=false'
		 * turns it off too.
		 */
		private boolean enabled;

		/**
		 * How long a model's health is reused before Bedrock is asked again.
		 */
		private Duration cacheTimeToLive = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

	}

	/**
	 * The guardrail applied to every request.
	 */
	public static class Guardrail {

		/**
		 * Identifier or ARN of the guardrail. When not set, no guardrail is applied.
		 */
		private @Nullable String identifier;

		/**
		 * Version of the guardrail, for example '1' or 'DRAFT'. Required with an
		 * identifier.
		 */
		private @Nullable String version;

		/**
		 * Whether Bedrock returns the guardrail trace: 'enabled', 'disabled' or
		 * 'enabled_full'. When not set, Bedrock's default (disabled) applies.
		 */
		private @Nullable GuardrailTrace trace;

		/**
		 * How streamed responses are checked: 'sync' or 'async'. When not set, Bedrock's
		 * default (sync) applies. Streams only.
		 */
		private @Nullable GuardrailStreamProcessingMode streamProcessingMode;

		public @Nullable String getIdentifier() {
			return this.identifier;
		}

		public void setIdentifier(@Nullable String identifier) {
			this.identifier = identifier;
		}

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

		public @Nullable GuardrailTrace getTrace() {
			return this.trace;
		}

		public void setTrace(@Nullable GuardrailTrace trace) {
			this.trace = trace;
		}

		public @Nullable GuardrailStreamProcessingMode getStreamProcessingMode() {
			return this.streamProcessingMode;
		}

		public void setStreamProcessingMode(@Nullable GuardrailStreamProcessingMode streamProcessingMode) {
			this.streamProcessingMode = streamProcessingMode;
		}

		boolean hasAnyValue() {
			return StringUtils.hasText(this.identifier) || StringUtils.hasText(this.version) || this.trace != null
					|| this.streamProcessingMode != null;
		}

		/**
		 * The property a refused guardrail is reported against: the version once an
		 * identifier is set, else the identifier.
		 * @return the property name
		 */
		String blamedProperty() {
			return StringUtils.hasText(this.identifier) ? "guardrail.version" : "guardrail.identifier";
		}

		Consumer<Guardrail> toOption(BedrockConverseChatOptions.Builder builder) {
			return (guardrail) -> builder.guardrail(
					new BedrockConverseGuardrail(this.identifier, this.version, this.trace, this.streamProcessingMode));
		}

	}

	/**
	 * AWS SDK client properties. Every timeout left unset keeps the AWS SDK's default.
	 */
	public static class Client {

		/**
		 * Maximum time to establish a connection. Applies to both the synchronous
		 * (Apache) and the asynchronous (Netty) HTTP client.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Maximum time to wait for data on an open connection: the socket timeout of the
		 * synchronous (Apache) HTTP client and the read timeout of the asynchronous
		 * (Netty) HTTP client. Keep it above the longest pause between two streamed
		 * chunks.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * Maximum time of a whole API call, retries included. Applies to both clients;
		 * for a streamed reply it bounds the whole stream.
		 */
		private @Nullable Duration apiCallTimeout;

		/**
		 * Maximum time of a single attempt of an API call. Applies to both clients.
		 */
		private @Nullable Duration apiCallAttemptTimeout;

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable Duration getApiCallTimeout() {
			return this.apiCallTimeout;
		}

		public void setApiCallTimeout(@Nullable Duration apiCallTimeout) {
			this.apiCallTimeout = apiCallTimeout;
		}

		public @Nullable Duration getApiCallAttemptTimeout() {
			return this.apiCallAttemptTimeout;
		}

		public void setApiCallAttemptTimeout(@Nullable Duration apiCallAttemptTimeout) {
			this.apiCallAttemptTimeout = apiCallAttemptTimeout;
		}

	}

	/**
	 * Retry strategy of the AWS SDK clients. The SDK is the only layer that retries:
	 * every property left unset keeps the SDK's default for the mode.
	 */
	public static class Retry {

		/**
		 * Retry mode of the AWS SDK: 'standard' (exponential back-off with jitter and a
		 * retry quota), 'adaptive' (standard plus client-side rate limiting when
		 * throttled; for a single client that shares its quota with no other) or
		 * 'legacy'. When not set, the SDK's default mode applies (the AWS_RETRY_MODE
		 * environment variable or the profile's 'retry_mode', else 'legacy').
		 */
		private @Nullable RetryMode mode;

		/**
		 * Maximum number of attempts of one call, the first included; 1 disables retries.
		 * When not set, the mode's default (3 for standard and adaptive).
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Base delay of the exponential back-off between attempts, for throttling and
		 * other errors alike. When not set, the mode's default.
		 */
		private @Nullable Duration baseDelay;

		/**
		 * Maximum delay between two attempts. When not set, the mode's default (20s).
		 */
		private @Nullable Duration maxBackoff;

		public @Nullable RetryMode getMode() {
			return this.mode;
		}

		public void setMode(@Nullable RetryMode mode) {
			this.mode = mode;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getBaseDelay() {
			return this.baseDelay;
		}

		public void setBaseDelay(@Nullable Duration baseDelay) {
			this.baseDelay = baseDelay;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * The retry modes of the AWS SDK that can be configured.
	 */
	public enum RetryMode {

		/**
		 * Exponential back-off with jitter and a retry quota.
		 */
		STANDARD,

		/**
		 * Standard plus client-side rate limiting after throttling.
		 */
		ADAPTIVE,

		/**
		 * The SDK's original retry behaviour.
		 */
		LEGACY

	}

	/**
	 * Where requests go: a model, a region and an endpoint, each replacing what the
	 * request would use otherwise when set.
	 */
	public static class Destination {

		/**
		 * Bedrock model ID or inference profile ID, for example 'amazon.nova-micro-v1:0'.
		 */
		private @Nullable String model;

		/**
		 * AWS region to send the requests to (and sign them for), for example
		 * 'us-west-2'.
		 */
		private @Nullable String region;

		/**
		 * Endpoint URI that replaces the regional Bedrock Runtime endpoint, for example a
		 * VPC endpoint. Must be an absolute http or https URI.
		 */
		private @Nullable URI endpoint;

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

	}

	/**
	 * One fallback destination of a request: what it sets replaces that part of the
	 * request, the rest is inherited.
	 */
	public static class Fallback extends Destination {

	}

	/**
	 * Timeouts of streamed replies: they bound the silence of a stream rather than its
	 * length, so long generations are not cut off as long as tokens keep coming.
	 */
	public static class Stream {

		/**
		 * Maximum wait from sending a streamed request until its first response. When not
		 * set, the idle timeout applies to it too.
		 */
		private @Nullable Duration firstTokenTimeout;

		/**
		 * Maximum wait between two responses of a stream. When it passes, the stream is
		 * cancelled and fails with a transient exception. When not set, only the SDK
		 * client's timeouts apply.
		 */
		private @Nullable Duration idleTimeout;

		public @Nullable Duration getFirstTokenTimeout() {
			return this.firstTokenTimeout;
		}

		public void setFirstTokenTimeout(@Nullable Duration firstTokenTimeout) {
			this.firstTokenTimeout = firstTokenTimeout;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

	}

}
