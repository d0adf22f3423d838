package dev.bedrockconverse.chat.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Traces the observations of {@link ChatBedrockConverse} as spans of kind
 * {@link Span.Kind#CLIENT}, as the OpenTelemetry GenAI conventions ask for an inference
 * call to a remote model. Micrometer's {@link DefaultTracingObservationHandler} starts
 * every span with {@code Tracer.nextSpan()}, which an OpenTelemetry tracer makes
 * {@code INTERNAL}; the kind can only be given to a span builder before the span starts,
 * and Micrometer does so only for a {@code SenderContext}, which Spring AI's
 * {@link ChatModelObservationContext} is not. Otherwise this handler does what the
 * default one does: the span is named and tagged from the observation (name {@code chat
 * {model}}, the convention's key values) and ended when it stops.
 * <p>
 * Register it before the default tracing handler (Spring Boot groups tracing handlers and
 * runs the first that supports a context).
 */
public class BedrockConverseTracingObservationHandler
		implements TracingObservationHandler<ChatModelObservationContext> {

	private final Tracer tracer;

	/**
	 * Create a handler.
	 * @param tracer the tracer to start spans with
	 */
	public BedrockConverseTracingObservationHandler(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return BedrockConverseObservationDetails.isAttachedTo(context);
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		Span parent = getParentSpan(context);
		Span.Builder builder = this.tracer.spanBuilder().kind(Span.Kind.CLIENT).name(getSpanName(context));
		if (parent != null) {
			builder = builder.setParent(parent.context());
		}
		getTracingContext(context).setSpan(builder.start());
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		Span span = getRequiredSpan(context);
		span.name(getSpanName(context));
		tagSpan(context, span);
		endSpan(context, span);
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

}
