package dev.bedrockconverse.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.internal.ConverseResponseMapper;
import dev.bedrockconverse.chat.internal.ConverseStreamAssembler;
import dev.bedrockconverse.chat.internal.PreparedRequest;

/**
 * The core's mappers alone (the public types of its {@code internal} package, which is
 * not API; the core's ArchUnit rules let the benchmarks use it), each against what a
 * raw-SDK user would do for the same step:
 * <ul>
 * <li>prompt → ConverseRequest: {@code PreparedRequest.prepare} (option merge, prompt
 * copy, validation, {@code ConverseRequestMapper}: exactly the steps {@code call} takes
 * before the client), against building the request by hand from the text;</li>
 * <li>ConverseResponse → ChatResponse: {@code ConverseResponseMapper}, against reading
 * the text out of the response;</li>
 * <li>one stream event → one ChatResponse: {@code ConverseStreamAssembler.onEvent} per
 * text delta (a fresh assembler per 100 deltas, amortised), against reading
 * {@code delta().text()}.</li>
 * </ul>
 */
public class MappingBenchmark extends BenchmarkSettings {

	public static final int DELTAS = 100;

	private String text;

	private Prompt prompt;

	private BedrockConverseChatOptions defaults;

	private final ToolCallingManager toolCallingManager = ToolCallingManager.builder().build();

	private ConverseResponse response;

	private ContentBlockDeltaEvent[] deltas;

	@Setup
	public void setup() {
		this.text = Clients.promptOfWords(9);
		this.prompt = new Prompt(this.text);
		this.defaults = BedrockConverseChatOptions.builder().model(Clients.MODEL).build();
		this.response = InMemoryClients.converseResponse("Echo: " + this.text);
		List<ContentBlockDeltaEvent> list = new ArrayList<>();
		for (ConverseStreamOutput event : InMemoryClients.streamEvents(DELTAS)) {
			if (event instanceof ContentBlockDeltaEvent delta) {
				list.add(delta);
			}
		}
		this.deltas = list.toArray(new ContentBlockDeltaEvent[0]);
	}

	@Benchmark
	public ConverseRequest oursPromptToRequest() {
		return PreparedRequest.prepare(this.prompt, this.defaults, this.toolCallingManager, false, false, List.of())
			.request();
	}

	@Benchmark
	public ConverseRequest rawTextToRequest() {
		return ConverseRequest.builder()
			.modelId(Clients.MODEL)
			.messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(this.text)).build())
			.build();
	}

	@Benchmark
	public Object oursResponseToChatResponse() {
		return ConverseResponseMapper.toChatResponse(this.response, Clients.MODEL, false);
	}

	@Benchmark
	public Object rawResponseToText() {
		return this.response.output().message().content().get(0).text();
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public void oursStreamEventToChatResponse(Blackhole bh) {
		ConverseStreamAssembler assembler = new ConverseStreamAssembler(Clients.MODEL, "req-1", false, true);
		for (ContentBlockDeltaEvent delta : this.deltas) {
			bh.consume(assembler.onEvent(delta));
		}
	}

	/**
	 * Not the core's code: a sketch of the fix proposed in BENCHMARKS.md, to size it. The
	 * per-stream parts of each delta's ChatResponse (id, model, empty usage) are built
	 * once per stream, and deltas use {@link ChatGenerationMetadata#NULL}; what each
	 * delta carries is unchanged.
	 */
	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public void sketchSharedMetadataStreamEvent(Blackhole bh) {
		ChatResponseMetadata shared = ChatResponseMetadata.builder()
			.id("req-1")
			.model(Clients.MODEL)
			.usage(new EmptyUsage())
			.build();
		StringBuilder text = new StringBuilder();
		for (ContentBlockDeltaEvent delta : this.deltas) {
			String t = delta.delta().text();
			text.append(t);
			bh.consume(new ChatResponse(List.of(new Generation(new AssistantMessage(t), ChatGenerationMetadata.NULL)),
					shared));
		}
		bh.consume(text);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public void rawStreamEventToText(Blackhole bh) {
		for (ContentBlockDeltaEvent delta : this.deltas) {
			bh.consume(delta.delta().text());
		}
	}

}
