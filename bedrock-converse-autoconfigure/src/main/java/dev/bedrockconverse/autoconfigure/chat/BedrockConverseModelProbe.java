package dev.bedrockconverse.autoconfigure.chat;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * The reachability probe of a model: one CountTokens call with a one-word message (never
 * a billed generation), for the foundation model of the model's inference profile
 * (CountTokens counts for foundation models). Used by the start-up check and the health
 * indicator.
 */
public final class BedrockConverseModelProbe {

	/**
	 * Bedrock's answer when a model exists and the caller may use it, but CountTokens
	 * does not count for it.
	 */
	private static final String UNSUPPORTED = "doesn't support counting tokens";

	private BedrockConverseModelProbe() {
	}

	/**
	 * Probe a model.
	 * @param model the model
	 * @return the outcome
	 */
	public static Result probe(BedrockConverseModels.Model model) {
		BedrockRuntimeClient client = model.client();
		if (client == null || model.modelId().startsWith("arn:")) {
			return new Result(model, Status.UNKNOWN, null,
					(client != null) ? "Model ARNs are not probed." : "No synchronous client.");
		}
		String foundationModel = InferenceProfileRegions.foundationModel(model.modelId());
		try {
			client.countTokens(CountTokensRequest.builder()
				.modelId(foundationModel)
				.input(CountTokensInput.fromConverse(ConverseTokensRequest.builder()
					.messages(Message.builder()
						.role(ConversationRole.USER)
						.content(ContentBlock.fromText("ping"))
						.build())
					.build()))
				.build());
			return new Result(model, Status.UP, null, null);
		}
		catch (AwsServiceException ex) {
			String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : ex.getMessage();
			if ("ValidationException".equals(code) && message != null && message.contains(UNSUPPORTED)) {
				return new Result(model, Status.UP, null, "CountTokens does not count for this model.");
			}
			return new Result(model, Status.DOWN, (code != null) ? code : ex.getClass().getSimpleName(), message);
		}
		catch (SdkException ex) {
			return new Result(model, Status.DOWN, ex.getClass().getSimpleName(), ex.getMessage());
		}
	}

	/**
	 * The outcome of a probe.
	 */
	public enum Status {

		/** The model answered. */
		UP,

		/** The model, the credentials or the connection failed. */
		DOWN,

		/** The model could not be probed. */
		UNKNOWN

	}

	/**
	 * The outcome of a probe. Never holds a secret: the error code and Bedrock's message.
	 *
	 * @param model the model probed
	 * @param status the status
	 * @param errorType Bedrock's error code or the exception's simple class name, or
	 * {@code null}
	 * @param message Bedrock's message or a note, or {@code null}
	 */
	public record Result(BedrockConverseModels.Model model, Status status, @Nullable String errorType,
			@Nullable String message) {

		/**
		 * Fail start-up unless the model answered (or could not be probed).
		 * @throws InvalidBedrockConverseConfigurationException if the probe failed
		 */
		void throwIfUnreachable() {
			if (this.status == Status.DOWN) {
				throw new InvalidBedrockConverseConfigurationException(this.model.property(), this.model.modelId(),
						"The start-up check could not reach the model in region '" + this.model.region()
								+ "' with CountTokens: " + this.errorType + ": " + this.message,
						"Check that the model ID is right, that model access is granted to the account in that "
								+ "region, and that the credentials allow 'bedrock:CountTokens' and "
								+ "'bedrock:InvokeModel', or set "
								+ "'bedrock.converse.startup-check.reachability=false'.");
			}
		}

	}

}
