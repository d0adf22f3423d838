package dev.bedrockconverse.chat;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Immutable chat options for {@link ChatBedrockConverse}: the model id and the
 * inference parameters that the Bedrock Converse API understands (maxTokens,
 * temperature, topP, stopSequences).
 * <p>
 * Converse has no topK, frequencyPenalty or presencePenalty. The getters for those
 * always return {@code null}, and the builder rejects any non-null value for them with
 * an {@link IllegalArgumentException}, so that an option the user set never silently
 * does nothing.
 * <p>
 * Every field may be {@code null}, meaning "not set": the model's default options fill
 * in only fields that a prompt's options leave {@code null}.
 */
public final class BedrockConverseChatOptions implements ChatOptions {

	private final @Nullable String model;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double temperature;

	private final @Nullable Double topP;

	private final @Nullable List<String> stopSequences;

	private BedrockConverseChatOptions(Builder builder) {
		this.model = builder.model;
		this.maxTokens = builder.maxTokens;
		this.temperature = builder.temperature;
		this.topP = builder.topP;
		this.stopSequences = builder.stopSequences;
	}

	/**
	 * Create a builder with every field unset.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The Bedrock model id (or inference profile id / ARN) to send as {@code modelId}.
	 * @return the model id, or {@code null} if not set
	 */
	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Converse has no frequency penalty.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Double getFrequencyPenalty() {
		return null;
	}

	/**
	 * The maximum number of tokens to generate ({@code inferenceConfig.maxTokens}).
	 * @return the max tokens, or {@code null} if not set
	 */
	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	/**
	 * Converse has no presence penalty.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Double getPresencePenalty() {
		return null;
	}

	/**
	 * The stop sequences ({@code inferenceConfig.stopSequences}).
	 * @return an unmodifiable list, or {@code null} if not set
	 */
	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	/**
	 * The sampling temperature ({@code inferenceConfig.temperature}).
	 * @return the temperature, or {@code null} if not set
	 */
	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	/**
	 * Converse has no top-k.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Integer getTopK() {
		return null;
	}

	/**
	 * The nucleus sampling probability ({@code inferenceConfig.topP}).
	 * @return the top-p, or {@code null} if not set
	 */
	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	/**
	 * A builder pre-filled with these options' values.
	 * @return a new builder
	 */
	@Override
	public Builder mutate() {
		return new Builder().model(this.model)
			.maxTokens(this.maxTokens)
			.temperature(this.temperature)
			.topP(this.topP)
			.stopSequences(this.stopSequences);
	}

	/**
	 * Options are equal when all five fields are equal.
	 * @param o the other object
	 * @return whether they are equal
	 */
	@Override
	public boolean equals(@Nullable Object o) {
		if (this == o) {
			return true;
		}
		if (!(o instanceof BedrockConverseChatOptions other)) {
			return false;
		}
		return Objects.equals(this.model, other.model) && Objects.equals(this.maxTokens, other.maxTokens)
				&& Objects.equals(this.temperature, other.temperature) && Objects.equals(this.topP, other.topP)
				&& Objects.equals(this.stopSequences, other.stopSequences);
	}

	/**
	 * A hash code consistent with {@link #equals(Object)}.
	 * @return the hash code
	 */
	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.maxTokens, this.temperature, this.topP, this.stopSequences);
	}

	/**
	 * All fields, for logs and debugging.
	 * @return a description of these options
	 */
	@Override
	public String toString() {
		return "BedrockConverseChatOptions{model=" + this.model + ", maxTokens=" + this.maxTokens + ", temperature="
				+ this.temperature + ", topP=" + this.topP + ", stopSequences=" + this.stopSequences + "}";
	}

	/**
	 * Builder for {@link BedrockConverseChatOptions}. Not thread-safe.
	 */
	public static final class Builder implements ChatOptions.Builder<Builder> {

		private @Nullable String model;

		private @Nullable Integer maxTokens;

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable List<String> stopSequences;

		private Builder() {
		}

		/**
		 * A copy of this builder; changing one does not change the other.
		 * @return the copy
		 */
		@Override
		public Builder clone() {
			return new Builder().model(this.model)
				.maxTokens(this.maxTokens)
				.temperature(this.temperature)
				.topP(this.topP)
				.stopSequences(this.stopSequences);
		}

		/**
		 * Set the Bedrock model id.
		 * @param model the model id, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Converse has no frequency penalty; only {@code null} is accepted.
		 * @param frequencyPenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			rejectUnsupported("frequencyPenalty", frequencyPenalty);
			return this;
		}

		/**
		 * Set the maximum number of tokens to generate.
		 * @param maxTokens the max tokens, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Converse has no presence penalty; only {@code null} is accepted.
		 * @param presencePenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			rejectUnsupported("presencePenalty", presencePenalty);
			return this;
		}

		/**
		 * Set the stop sequences (copied).
		 * @param stopSequences the stop sequences, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder stopSequences(@Nullable List<String> stopSequences) {
			this.stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : null;
			return this;
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature the temperature, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Converse has no top-k; only {@code null} is accepted.
		 * @param topK must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder topK(@Nullable Integer topK) {
			rejectUnsupported("topK", topK);
			return this;
		}

		/**
		 * Set the nucleus sampling probability.
		 * @param topP the top-p, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Overwrite this builder's fields with every non-null field of {@code other}
		 * (the Spring AI {@code combineWith} contract: {@code other} wins where it has a
		 * value). Works with any {@link ChatOptions.Builder}, not only this one.
		 * @param other the builder whose set values take precedence
		 * @return this builder
		 * @throws IllegalArgumentException if {@code other} sets topK, frequencyPenalty
		 * or presencePenalty, which Converse does not support
		 */
		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			ChatOptions that = other.build();
			// Go through the setters so unsupported options are rejected here too.
			topK(that.getTopK());
			frequencyPenalty(that.getFrequencyPenalty());
			presencePenalty(that.getPresencePenalty());
			if (that.getModel() != null) {
				model(that.getModel());
			}
			if (that.getMaxTokens() != null) {
				maxTokens(that.getMaxTokens());
			}
			if (that.getTemperature() != null) {
				temperature(that.getTemperature());
			}
			if (that.getTopP() != null) {
				topP(that.getTopP());
			}
			if (that.getStopSequences() != null) {
				stopSequences(that.getStopSequences());
			}
			return this;
		}

		/**
		 * Build the immutable options.
		 * @return the options
		 */
		@Override
		public BedrockConverseChatOptions build() {
			return new BedrockConverseChatOptions(this);
		}

		private static void rejectUnsupported(String option, @Nullable Object value) {
			if (value != null) {
				throw new IllegalArgumentException(OptionsMerger.unsupportedMessage(option));
			}
		}

	}

}
