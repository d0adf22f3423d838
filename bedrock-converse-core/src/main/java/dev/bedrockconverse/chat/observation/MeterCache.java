package dev.bedrockconverse.chat.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters a handler or publisher has registered, by name and tag values, so that
 * recording one is a map lookup: registering again on every call would build the tags
 * (sorted arrays), a {@code Meter.Id} and run the registry's meter filters each time. The
 * meter is registered as before, with the same name, tags and description, the first time
 * its key is seen; the number of keys is that of the low-cardinality tag values.
 */
final class MeterCache {

	private final Map<Object, Meter> meters = new ConcurrentHashMap<>();

	/**
	 * The timer of a key, registered by {@code register} the first time.
	 * @param key the meter's name and tag values
	 * @param register registers the timer
	 * @return the timer
	 */
	Timer timer(Key key, Supplier<Timer> register) {
		return (Timer) meter(key, register);
	}

	/**
	 * The counter of a key, registered by {@code register} the first time.
	 * @param key the meter's name and tag values: a {@link Key}, or any value with
	 * {@code equals} and {@code hashCode} over them
	 * @param register registers the counter
	 * @return the counter
	 */
	Counter counter(Object key, Supplier<Counter> register) {
		return (Counter) meter(key, register);
	}

	private Meter meter(Object key, Supplier<? extends Meter> register) {
		Meter meter = this.meters.get(key);
		return (meter != null) ? meter : this.meters.computeIfAbsent(key, (k) -> register.get());
	}

	/**
	 * A meter's name and the values of its tags, in the order its owner gives them.
	 *
	 * @param name the meter name
	 * @param first the first tag value
	 * @param second the second tag value
	 * @param third the third tag value, or {@code null}
	 * @param fourth the fourth tag value, or {@code null}
	 * @param fifth the fifth tag value, or {@code null}
	 */
	record Key(String name, @Nullable String first, @Nullable String second, @Nullable String third,
			@Nullable String fourth, @Nullable String fifth) {
	}

}
