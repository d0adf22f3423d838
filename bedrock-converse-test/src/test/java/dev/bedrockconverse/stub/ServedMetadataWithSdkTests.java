package dev.bedrockconverse.stub;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Bedrock served a request ({@code serviceTier}, {@code performanceConfig},
 * {@code trace.promptRouter}) as scripted on the stub's metadata event, read by the real
 * AWS SDK from a Converse response and from a ConverseStream metadata event.
 */
@ExtendWith(BedrockStubExtension.class)
class ServedMetadataWithSdkTests {

	private static final String INVOKED = "anthropic.claude-3-haiku-20240307-v1:0";

	private static StubAnswer served() {
		return StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Hi"),
				StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"),
				StubEvent.metadata(2, 1, 7, "priority", "optimized", INVOKED)));
	}

	@Test
	void converseResponseCarriesTheServedMembers(BedrockStub stub) {
		stub.enqueue(served());
		ConverseResponse response;
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			response = client.converse(SdkClients.request("Hello").build());
		}

		assertThat(response.serviceTier().type()).isEqualTo(ServiceTierType.PRIORITY);
		assertThat(response.performanceConfig().latency()).isEqualTo(PerformanceConfigLatency.OPTIMIZED);
		assertThat(response.trace().promptRouter().invokedModelId()).isEqualTo(INVOKED);
		assertThat(response.metrics().latencyMs()).isEqualTo(7);
		assertThat(response.output().message().content().get(0).text()).isEqualTo("Hi");
	}

	@Test
	void streamMetadataEventCarriesTheServedMembers(BedrockStub stub) {
		stub.enqueue(served());
		ConverseStreamMetadataEvent metadata;
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			metadata = SdkClients.stream(client, SdkClients.streamRequest("Hello").build()).metadata;
		}

		assertThat(metadata.serviceTier().type()).isEqualTo(ServiceTierType.PRIORITY);
		assertThat(metadata.performanceConfig().latency()).isEqualTo(PerformanceConfigLatency.OPTIMIZED);
		assertThat(metadata.trace().promptRouter().invokedModelId()).isEqualTo(INVOKED);
		assertThat(metadata.usage().inputTokens()).isEqualTo(2);
	}

	@Test
	void membersLeftOutAreAbsent(BedrockStub stub) {
		stub.enqueue(StubAnswer.streamEvents(
				List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Hi"), StubEvent.contentBlockStop(0),
						StubEvent.messageStop("end_turn"), StubEvent.metadata(2, 1, 7, "flex", null, null))));
		ConverseResponse response;
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			response = client.converse(SdkClients.request("Hello").build());
		}

		assertThat(response.serviceTier().type()).isEqualTo(ServiceTierType.FLEX);
		assertThat(response.performanceConfig()).isNull();
		assertThat(response.trace()).isNull();
	}

}
