package dev.bedrockconverse.autoconfigure.clients;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;

/**
 * Builds the AWS SDK {@link RetryStrategy} from {@code bedrock.converse.retry.*}. The
 * SDK's strategy is the only retry layer: ChatBedrockConverse does not retry on top of
 * it, and forwards a streamed reply from one attempt only, so retries never duplicate
 * output.
 */
final class BedrockRetryStrategies {

	/** The SDK's default maximum back-off of the standard and adaptive modes. */
	private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);

	private BedrockRetryStrategies() {
	}

	/**
	 * The strategy, or {@code null} when no retry property is set (the SDK then applies
	 * its own default, including {@code AWS_RETRY_MODE} and the profile's
	 * {@code retry_mode}).
	 * @param retry the validated retry properties
	 * @return the strategy or {@code null}
	 */
	static @Nullable RetryStrategy from(BedrockConverseProperties.Retry retry) {
		if (retry.getMode() == null && retry.getMaxAttempts() == null && retry.getBaseDelay() == null
				&& retry.getMaxBackoff() == null) {
			return null;
		}
		RetryStrategy.Builder<?, ?> builder = base(retry.getMode()).toBuilder();
		if (retry.getMaxAttempts() != null) {
			builder.maxAttempts(retry.getMaxAttempts());
		}
		if (retry.getBaseDelay() != null || retry.getMaxBackoff() != null) {
			Duration maxBackoff = (retry.getMaxBackoff() != null) ? retry.getMaxBackoff() : DEFAULT_MAX_BACKOFF;
			Duration baseDelay = (retry.getBaseDelay() != null) ? retry.getBaseDelay()
					: Duration.ofMillis(Math.min(100, maxBackoff.toMillis()));
			BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxBackoff);
			builder.backoffStrategy(backoff);
			builder.throttlingBackoffStrategy(backoff);
		}
		return builder.build();
	}

	private static RetryStrategy base(BedrockConverseProperties.@Nullable RetryMode mode) {
		if (mode == null) {
			return AwsRetryStrategy.defaultRetryStrategy();
		}
		return switch (mode) {
			case STANDARD -> AwsRetryStrategy.standardRetryStrategy();
			case ADAPTIVE -> AwsRetryStrategy.adaptiveRetryStrategy();
			case LEGACY -> AwsRetryStrategy.legacyRetryStrategy();
		};
	}

}
