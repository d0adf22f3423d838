package dev.bedrockconverse.chat.internal;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The one failover rule of {@code call} and {@code stream}: after attempt {@code n} of a
 * prepared request failed (the SDK's own retries exhausted), whether it goes on to route
 * {@code n + 1}. It does when there is a next route and the failure is one another region
 * or model may not have: Bedrock throttled, was unavailable, the model was not ready or
 * timed out. Validation, access, credentials and every other error never fail over. A
 * stream decides this only while it has delivered nothing (its caller's part): a stream
 * that delivered anything is never replayed.
 */
public final class Failover {

	/** The error types (as {@link ErrorTypes} names them) that fail over. */
	private static final Set<String> FAILS_OVER = Set.of("ThrottlingException", "ServiceUnavailableException",
			"ModelNotReadyException", "ModelTimeoutException");

	private final List<RequestRoute> routes;

	private final @Nullable String clientRegion;

	private final Listener listener;

	/**
	 * Create the failover of one call or stream.
	 * @param prepared the prepared request, with its routes
	 * @param clientRegion the region of the client that sends it, or {@code null} if
	 * unknown
	 * @param listener told of each hop
	 */
	public Failover(PreparedRequest prepared, @Nullable String clientRegion, Listener listener) {
		this.routes = prepared.routes();
		this.clientRegion = clientRegion;
		this.listener = listener;
	}

	/**
	 * A route of the request.
	 * @param attempt the attempt, from 0
	 * @return its route
	 */
	public RequestRoute route(int attempt) {
		return this.routes.get(attempt);
	}

	/**
	 * The region that answers on a route.
	 * @param attempt the attempt, from 0
	 * @return the route's region, else the client's, or {@code null} if unknown
	 */
	public @Nullable String region(int attempt) {
		return this.routes.get(attempt).regionOr(this.clientRegion);
	}

	/**
	 * Whether a failed attempt goes on to the next route; if so, the listener is told.
	 * @param attempt the attempt that failed, from 0
	 * @param failure its failure, as {@link BedrockErrorTranslator} translated it
	 * @return whether to send the request on route {@code attempt + 1}
	 */
	public boolean next(int attempt, Throwable failure) {
		if (attempt + 1 >= this.routes.size() || !failsOver(failure)) {
			return false;
		}
		this.listener.failedOver(this.routes.get(attempt).label(this.clientRegion),
				this.routes.get(attempt + 1).label(this.clientRegion), ErrorTypes.of(failure));
		return true;
	}

	/**
	 * Whether a failure is one that fails over.
	 * @param failure the failure
	 * @return whether its error type is throttling, service unavailable, model not ready
	 * or model timeout
	 */
	public static boolean failsOver(Throwable failure) {
		return FAILS_OVER.contains(ErrorTypes.of(failure));
	}

	/**
	 * Told of each hop from one route to the next.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * A request failed over.
		 * @param from the route that failed, as {@link RequestRoute#label} names it
		 * @param to the route the request goes to next
		 * @param reason the error type of the failure, such as
		 * {@code ThrottlingException}
		 */
		void failedOver(String from, String to, String reason);

	}

}
