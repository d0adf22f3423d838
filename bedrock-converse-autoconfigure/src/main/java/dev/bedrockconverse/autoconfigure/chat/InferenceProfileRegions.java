package dev.bedrockconverse.autoconfigure.chat;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * The regions that serve Bedrock's geographic inference profiles, by the profile's
 * prefix: the start-up check that a model's inference profile and region agree, with no
 * request sent. Model IDs without a known prefix (foundation models, ARNs) pass, and so
 * does {@code global.}, served in every region.
 */
final class InferenceProfileRegions {

	private static final List<Geography> GEOGRAPHIES = List.of(
			new Geography("us-gov", "us-gov-west-1", (region) -> region.startsWith("us-gov-")),
			new Geography("us", "us-east-1", (region) -> region.startsWith("us-") && !region.startsWith("us-gov-")),
			new Geography("eu", "eu-central-1", (region) -> region.startsWith("eu-")),
			new Geography("jp", "ap-northeast-1",
					(region) -> region.equals("ap-northeast-1") || region.equals("ap-northeast-3")),
			new Geography("au", "ap-southeast-2",
					(region) -> region.equals("ap-southeast-2") || region.equals("ap-southeast-4")),
			new Geography("apac", "ap-southeast-1", (region) -> region.startsWith("ap-")),
			new Geography("ca", "ca-central-1", (region) -> region.startsWith("ca-")));

	private InferenceProfileRegions() {
	}

	/**
	 * Check that a model's inference profile prefix and its region agree.
	 * @param property the property that names the model
	 * @param modelId the model ID or inference profile ID
	 * @param region the region, or {@code null} if unknown (then nothing is checked)
	 * @throws InvalidBedrockConverseConfigurationException if the profile is not served
	 * in the region
	 */
	static void check(String property, String modelId, @Nullable String region) {
		Geography profile = profileOf(modelId);
		if (region == null || profile == null || profile.serves().test(region)) {
			return;
		}
		Geography local = GEOGRAPHIES.stream()
			.filter((geography) -> geography.serves().test(region))
			.findFirst()
			.orElse(null);
		String rest = modelId.substring(profile.prefix().length() + 1);
		String otherProfile = (local != null) ? local.prefix() + "." + rest : "global." + rest;
		throw new InvalidBedrockConverseConfigurationException(property, modelId,
				"The inference profile prefix '" + profile.prefix() + ".' is served from " + profile.prefix()
						+ " regions, but the model's region is '" + region + "'.",
				"Use region " + profile.example() + " (or another " + profile.prefix() + " region) or profile "
						+ otherProfile + " (or global." + rest + ").");
	}

	/**
	 * The geography of an inference profile ID.
	 * @param modelId the model ID
	 * @return its geography, or {@code null} for a model ID without a known geographic
	 * prefix (foundation models, ARNs, {@code global.})
	 */
	static @Nullable Geography profileOf(String modelId) {
		for (Geography geography : GEOGRAPHIES) {
			if (modelId.startsWith(geography.prefix() + ".")) {
				return geography;
			}
		}
		return null;
	}

	/**
	 * The foundation model of an inference profile ID: the ID without its geographic or
	 * global prefix.
	 * @param modelId the model ID
	 * @return the foundation model ID, or the model ID itself if it has no such prefix
	 */
	static String foundationModel(String modelId) {
		Geography geography = profileOf(modelId);
		if (geography != null) {
			return modelId.substring(geography.prefix().length() + 1);
		}
		return modelId.startsWith("global.") ? modelId.substring("global.".length()) : modelId;
	}

	/**
	 * A geography of inference profiles.
	 *
	 * @param prefix the profile prefix, such as {@code eu}
	 * @param example a region that serves it
	 * @param serves whether a region serves it
	 */
	record Geography(String prefix, String example, Predicate<String> serves) {

	}

}
