package dev.bedrockconverse.chat.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseChatOptions.Reasoning;
import dev.bedrockconverse.chat.BedrockConverseModelQuirks;

/**
 * The model family a request goes to, the one owner of what differs between families: how
 * the reasoning option is written ({@link #reasoning(Reasoning)}) and what a family
 * accepts ({@link #quirks(Map)}). {@link PromptValidator} turns a refusal into an error
 * before sending; {@link ConverseRequestMapper} writes the fields.
 * <p>
 * The family comes from the {@code modelFamily} option when it is set, else from the
 * model id: a leading cross-region segment ({@code us.}, {@code eu.}, {@code apac.},
 * {@code global.}, {@code us-gov.} and any new one) is skipped when a known provider
 * follows it, and foundation-model, inference-profile and default prompt router ARNs are
 * read after their resource type. Application inference profiles, prompt routers, custom,
 * provisioned and imported models do not name their family.
 *
 * @param name the family (the provider segment of the model id, such as
 * {@code anthropic}), or {@code null} when not known
 * @param model the model after the provider segment (such as {@code claude-sonnet-4-6}),
 * empty when not known
 * @param source what the family was read from, for errors
 */
public record ModelFamily(@Nullable String name, String model, String source) {

	/** The providers whose model ids name their family. */
	static final Set<String> KNOWN = new TreeSet<>(
			List.of("ai21", "amazon", "anthropic", "cohere", "deepseek", "google", "luma", "meta", "minimax", "mistral",
					"moonshot", "moonshotai", "nvidia", "openai", "qwen", "stability", "twelvelabs", "writer", "zai"));

	/** ARN resource types whose resource id is a (cross-region) model id. */
	private static final Set<String> MODEL_ARN_TYPES = Set.of("foundation-model", "inference-profile",
			"default-prompt-router");

	/** A cross-region (or other routing) prefix segment: {@code us}, {@code us-gov}. */
	private static final Pattern PREFIX = Pattern.compile("[a-z]{2,12}(-[a-z]{2,12})?");

	/** A Claude version in either naming: claude-3-7-sonnet, claude-sonnet-4-5. */
	private static final Pattern CLAUDE_VERSION = Pattern.compile("^claude-(?:[a-z]+-)?(\\d+)(?:-(\\d)(?!\\d))?");

	/** A Nova generation: nova-2-lite. */
	private static final Pattern NOVA_GENERATION = Pattern.compile("^nova-(\\d+)-");

	private static final List<String> LOW_MEDIUM_HIGH = List.of("low", "medium", "high");

	private static final List<String> CLAUDE_EFFORTS = List.of("low", "medium", "high", "xhigh", "max");

	/** How many distinct model ids (and, apart, family hints) {@link #of} caches. */
	private static final int CACHED_IDS = 256;

	private static final Map<String, ModelFamily> BY_MODEL_ID = new ConcurrentHashMap<>();

	private static final Map<String, ModelFamily> BY_HINT = new ConcurrentHashMap<>();

	private static final String MODEL_FAMILY_PROPERTY = "modelFamily (property bedrock.converse.options.model-family)";

	/**
	 * The family of the options' model: the {@code modelFamily} option when set, else the
	 * model id.
	 * @param options the merged options
	 * @return the family, whose {@link #name()} is {@code null} when not known
	 */
	public static ModelFamily of(BedrockConverseChatOptions options) {
		String hint = options.getModelFamily();
		String key = (hint != null) ? hint : (options.getModel() != null) ? options.getModel() : "";
		Map<String, ModelFamily> cache = (hint != null) ? BY_HINT : BY_MODEL_ID;
		ModelFamily family = cache.get(key);
		if (family == null) {
			family = parse(key,
					(hint != null) ? "modelFamily '" + hint + "'" : "model id '" + options.getModel() + "'");
			// An application uses a handful of model ids, and every request asks for its
			// family twice (validation and mapping); ids made up per request are parsed
			// each time once the cache is full.
			if (cache.size() < CACHED_IDS) {
				cache.putIfAbsent(key, family);
			}
		}
		return family;
	}

	/**
	 * The family a model id, ARN or family name names.
	 * @param id the model id, ARN or family name
	 * @param source what it is, for errors
	 * @return the family, whose {@link #name()} is {@code null} when not known
	 */
	static ModelFamily parse(String id, String source) {
		String rest = id.strip().toLowerCase(Locale.ROOT);
		if (rest.startsWith("arn:")) {
			int slash = rest.indexOf('/');
			if (slash < 0) {
				return new ModelFamily(null, "", source);
			}
			String resourceType = rest.substring(rest.lastIndexOf(':', slash) + 1, slash);
			if (!MODEL_ARN_TYPES.contains(resourceType)) {
				return new ModelFamily(null, "", source);
			}
			rest = rest.substring(slash + 1);
		}
		String[] segments = rest.split("\\.", -1);
		if (segments.length == 1 && KNOWN.contains(segments[0])) {
			return new ModelFamily(segments[0], "", source);
		}
		for (int i = 0; i < segments.length - 1 && i <= 2; i++) {
			if (KNOWN.contains(segments[i])) {
				return new ModelFamily(segments[i],
						String.join(".", Arrays.asList(segments).subList(i + 1, segments.length)), source);
			}
			if (!PREFIX.matcher(segments[i]).matches()) {
				break;
			}
		}
		return new ModelFamily(null, "", source);
	}

	/**
	 * Whether the family is known.
	 * @return whether {@link #name()} is set
	 */
	public boolean isKnown() {
		return this.name != null;
	}

	/**
	 * The Claude version as major * 10 + minor (Claude Sonnet 4.5: 45, Claude 3.7 Sonnet:
	 * 37), or {@code null} when this is not Claude or the id has no version.
	 * @return the version, or {@code null}
	 */
	@Nullable Integer claudeVersion() {
		if (!"anthropic".equals(this.name)) {
			return null;
		}
		Matcher matcher = CLAUDE_VERSION.matcher(this.model);
		if (!matcher.find()) {
			return null;
		}
		return Integer.parseInt(matcher.group(1)) * 10
				+ ((matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0);
	}

	/**
	 * What the quirks table says this family accepts, with the overrides for this family
	 * laid over it. A family not in the table accepts everything.
	 * @param overrides the overrides by family name
	 * @return the quirks, every component set
	 */
	public BedrockConverseModelQuirks quirks(Map<String, BedrockConverseModelQuirks> overrides) {
		BedrockConverseModelQuirks override = (this.name != null) ? overrides.get(this.name) : null;
		return (override != null) ? override.over(defaultQuirks()).over(BedrockConverseModelQuirks.ACCEPT_ALL)
				: defaultQuirks().over(BedrockConverseModelQuirks.ACCEPT_ALL);
	}

	/**
	 * The table of what known families accept, where they differ (sources: the Bedrock
	 * Converse API reference for ToolChoice, the prompt-caching and Anthropic
	 * extended-thinking pages).
	 * @return the family's defaults ({@code null} components: accepted)
	 */
	private BedrockConverseModelQuirks defaultQuirks() {
		if (this.name == null) {
			return BedrockConverseModelQuirks.ACCEPT_ALL;
		}
		return switch (this.name) {
			// Thinking accepts only tool choice auto; Claude 4.5 and later reject
			// temperature and top_p together.
			case "anthropic" ->
				new BedrockConverseModelQuirks(null, null, null, false, claudeAcceptsTemperatureWithTopP());
			// Nova caches system and messages, not tools.
			case "amazon" -> new BedrockConverseModelQuirks(null, null, false, null, null);
			// ToolChoice any and tool: Anthropic Claude, Amazon Nova, Mistral Large
			// (any).
			case "mistral" -> new BedrockConverseModelQuirks(null, false, null, null, null);
			case "meta", "cohere", "ai21" -> new BedrockConverseModelQuirks(false, false, null, null, null);
			default -> BedrockConverseModelQuirks.ACCEPT_ALL;
		};
	}

	private @Nullable Boolean claudeAcceptsTemperatureWithTopP() {
		Integer version = claudeVersion();
		return (version != null && version >= 45) ? false : null;
	}

	/**
	 * How the reasoning option is written for this family, or why it cannot be.
	 * @param reasoning the merged reasoning option
	 * @return the request fields and effort, or a refusal
	 */
	public ReasoningRequest reasoning(Reasoning reasoning) {
		if (!reasoning.isSet()) {
			return ReasoningRequest.NONE;
		}
		if (this.name == null) {
			return refuse("The reasoning option is written differently for each model family, and the " + this.source
					+ " does not name one (an application inference profile or a prompt router, " + "for example); set "
					+ MODEL_FAMILY_PROPERTY
					+ " to the family or the foundation model it stands for, such as 'anthropic.claude-sonnet-4-6', "
					+ "'amazon.nova-2-lite-v1:0' or 'openai'");
		}
		return switch (this.name) {
			case "anthropic" -> claude(reasoning);
			case "amazon" -> nova(reasoning);
			case "openai" -> reasoningEffort(reasoning);
			case "deepseek" -> this.model.startsWith("r1") ? alwaysReasons(reasoning) : doesNotReason();
			default -> doesNotReason();
		};
	}

	private ReasoningRequest claude(Reasoning reasoning) {
		Integer version = claudeVersion();
		boolean adaptive = version == null || version >= 46;
		boolean budget = version == null || version < 47;
		boolean effort = version == null || version >= 46 || (version == 45 && this.model.contains("opus"));
		if (!reasoning.isOn()) {
			return budget ? new ReasoningRequest(Map.of("thinking", Map.of("type", "disabled")), null, false, null)
					: refuse(describe() + " only thinks adaptively and cannot switch thinking off; "
							+ "set reasoning.effort 'low' to think least, or leave reasoning unset");
		}
		String outputEffort = reasoning.effort();
		if (outputEffort != null && !effort) {
			return refuse(describe() + " takes no effort (outputConfig.effort is read by Claude Opus 4.5 and "
					+ "Claude 4.6 and later); set reasoning.budgetTokens instead");
		}
		if (outputEffort != null && !CLAUDE_EFFORTS.contains(outputEffort)) {
			return refuse("reasoning.effort '" + outputEffort + "' is not one of Claude's efforts " + CLAUDE_EFFORTS);
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		if (reasoning.budgetTokens() != null) {
			if (!budget) {
				return refuse(describe() + " only thinks adaptively and takes no token budget; "
						+ "set reasoning.effort (low, medium, high, xhigh or max) instead of reasoning.budgetTokens");
			}
			fields.put("thinking", Map.of("type", "enabled", "budget_tokens", reasoning.budgetTokens()));
		}
		else if (adaptive) {
			fields.put("thinking", Map.of("type", "adaptive"));
		}
		else if (outputEffort == null) {
			return refuse(describe() + " thinks with a token budget: set reasoning.budgetTokens (at least 1024, "
					+ "below maxTokens)");
		}
		return new ReasoningRequest(fields, outputEffort, fields.containsKey("thinking"), null);
	}

	private ReasoningRequest nova(Reasoning reasoning) {
		Matcher generation = NOVA_GENERATION.matcher(this.model);
		if (!generation.find() || Integer.parseInt(generation.group(1)) < 2) {
			return doesNotReason();
		}
		if (!reasoning.isOn()) {
			return new ReasoningRequest(Map.of("reasoningConfig", Map.of("type", "disabled")), null, false, null);
		}
		if (reasoning.budgetTokens() != null) {
			return refuse(describe() + " takes no reasoning token budget; set reasoning.effort (low, medium or high) "
					+ "instead of reasoning.budgetTokens");
		}
		String effort = reasoning.effort();
		if (effort == null || !LOW_MEDIUM_HIGH.contains(effort)) {
			return refuse(describe() + " needs reasoning.effort low, medium or high (its maxReasoningEffort)"
					+ ((effort != null) ? ", not '" + effort + "'" : ""));
		}
		return new ReasoningRequest(Map.of("reasoningConfig", Map.of("type", "enabled", "maxReasoningEffort", effort)),
				null, true, null);
	}

	private ReasoningRequest reasoningEffort(Reasoning reasoning) {
		if (!reasoning.isOn()) {
			return refuse(describe() + " always reasons and cannot switch reasoning off; set reasoning.effort "
					+ "'low' to reason least, or leave reasoning unset");
		}
		if (reasoning.budgetTokens() != null) {
			return refuse(describe() + " takes no reasoning token budget; set reasoning.effort (low, medium or "
					+ "high) instead of reasoning.budgetTokens");
		}
		String effort = reasoning.effort();
		if (effort == null) {
			return new ReasoningRequest(Map.of(), null, true, null);
		}
		if (!LOW_MEDIUM_HIGH.contains(effort)) {
			return refuse("reasoning.effort '" + effort + "' is not one of the efforts " + LOW_MEDIUM_HIGH
					+ " that the model family '" + this.name + "' reads (its reasoning_effort)");
		}
		return new ReasoningRequest(Map.of("reasoning_effort", effort), null, true, null);
	}

	private ReasoningRequest alwaysReasons(Reasoning reasoning) {
		if (!reasoning.isOn()) {
			return refuse(describe() + " always reasons and cannot switch reasoning off; leave reasoning unset");
		}
		if (reasoning.budgetTokens() != null || reasoning.effort() != null) {
			return refuse(describe() + " always reasons and takes no reasoning budget or effort; set only "
					+ "reasoning.enabled=true, or leave reasoning unset");
		}
		return new ReasoningRequest(Map.of(), null, true, null);
	}

	private ReasoningRequest doesNotReason() {
		return refuse(describe() + " takes no reasoning option; remove it (if the model reads a reasoning field of "
				+ "its own, send it through additionalModelRequestFields), or set " + MODEL_FAMILY_PROPERTY
				+ " if the model id does not say which model it is");
	}

	private String describe() {
		return "The model family '" + this.name + "' (" + this.source + ")";
	}

	private static ReasoningRequest refuse(String why) {
		return new ReasoningRequest(Map.of(), null, false, why);
	}

	/**
	 * How the reasoning option is written for a family: the additional model request
	 * fields it adds and the top-level {@code outputConfig.effort}; or why it cannot be
	 * written (then nothing is sent).
	 *
	 * @param fields the additional model request fields to add, in order
	 * @param outputEffort the {@code outputConfig.effort}, or {@code null}
	 * @param reasons whether the model is asked to reason (or always does)
	 * @param refusal why the family cannot take the option, or {@code null}
	 */
	public record ReasoningRequest(Map<String, Object> fields, @Nullable String outputEffort, boolean reasons,
			@Nullable String refusal) {

		/** No reasoning option. */
		public static final ReasoningRequest NONE = new ReasoningRequest(Map.of(), null, false, null);

		/**
		 * Whether the request asks Claude to think (extended or adaptive thinking).
		 * @return whether {@code thinking} is enabled or adaptive
		 */
		public boolean thinking() {
			return this.fields.get("thinking") instanceof Map<?, ?> thinking
					&& !"disabled".equals(thinking.get("type"));
		}

	}

}
