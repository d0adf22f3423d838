package dev.bedrockconverse.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.bedrockconverse.autoconfigure.chat.BedrockConverseModelProbe;
import dev.bedrockconverse.autoconfigure.chat.BedrockConverseModels;

/**
 * The health of every Bedrock Converse model, one indicator per model by name
 * ({@code default} for the primary model): UP when CountTokens answers for it (never a
 * billed generation), DOWN with Bedrock's error type and message when it fails. Each
 * model's health is cached for a time to live, so health checks do not become Bedrock
 * traffic. Details hold the model ID, the region and the error; never a credential.
 */
public final class BedrockConverseHealthContributor implements CompositeHealthContributor {

	private final BedrockConverseModels models;

	private final Duration timeToLive;

	private final Clock clock;

	private final Map<String, CachedIndicator> indicators = new ConcurrentHashMap<>();

	BedrockConverseHealthContributor(BedrockConverseModels models, Duration timeToLive) {
		this(models, timeToLive, Clock.systemUTC());
	}

	BedrockConverseHealthContributor(BedrockConverseModels models, Duration timeToLive, Clock clock) {
		this.models = models;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.models.models()
			.stream()
			.filter((model) -> model.name().equals(name))
			.findFirst()
			.map(this::indicator)
			.orElse(null);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.models.models()
			.stream()
			.map((model) -> new HealthContributors.Entry(model.name(), indicator(model)));
	}

	private HealthIndicator indicator(BedrockConverseModels.Model model) {
		return this.indicators.computeIfAbsent(model.name(), (name) -> new CachedIndicator(model));
	}

	/**
	 * The health of one model, probed at most once per time to live.
	 */
	private final class CachedIndicator implements HealthIndicator {

		private final BedrockConverseModels.Model model;

		private volatile @Nullable Health health;

		private volatile Instant checkedAt = Instant.MIN;

		CachedIndicator(BedrockConverseModels.Model model) {
			this.model = model;
		}

		@Override
		public Health health() {
			Instant now = BedrockConverseHealthContributor.this.clock.instant();
			Health cached = this.health;
			if (cached != null && now.isBefore(this.checkedAt.plus(BedrockConverseHealthContributor.this.timeToLive))) {
				return cached;
			}
			Health fresh = toHealth(BedrockConverseModelProbe.probe(this.model));
			this.health = fresh;
			this.checkedAt = now;
			return fresh;
		}

		private static Health toHealth(BedrockConverseModelProbe.Result result) {
			Health.Builder builder = switch (result.status()) {
				case UP -> Health.up();
				case DOWN -> Health.down();
				case UNKNOWN -> Health.unknown();
			};
			builder.withDetail("model", result.model().modelId());
			if (result.model().region() != null) {
				builder.withDetail("region", result.model().region());
			}
			if (result.errorType() != null) {
				builder.withDetail("error", result.errorType());
			}
			if (result.message() != null) {
				builder.withDetail("message", result.message());
			}
			return builder.build();
		}

	}

}
