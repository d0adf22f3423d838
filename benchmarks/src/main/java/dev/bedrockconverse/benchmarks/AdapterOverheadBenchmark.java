package dev.bedrockconverse.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The adapter's whole cost per call and per streamed delta with no network at all: ours,
 * raw SDK and ChatClient over {@link InMemoryClients} (canned response, canned events
 * replayed synchronously). Whatever "ours" costs above "raw" here is what the adapter
 * adds to a real request: mapping both ways, option merging, the (no-op) observation, and
 * for streams the Reactor bridge.
 * <p>
 * Call benchmarks are per call; stream benchmarks are per delta
 * ({@link OperationsPerInvocation} = {@value #DELTAS}: one stream of that many deltas
 * plus its start/stop/metadata events, the per-stream cost spread over its deltas). Run
 * with {@code -prof gc} for bytes per call / per delta ({@code gc.alloc.rate.norm}).
 */
public class AdapterOverheadBenchmark extends WorkloadBenchmark {

	public static final int DELTAS = 100;

	@Setup
	public void setup() {
		this.callText = Clients.promptOfWords(9);
		this.streamText = Clients.promptOfWords(DELTAS - 1);
		this.clients = new Clients(InMemoryClients.sync(InMemoryClients.converseResponse("Echo: " + this.callText)),
				InMemoryClients.async(InMemoryClients.streamEvents(DELTAS)));
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object oursStreamPerDelta() {
		return stream(Workload.OURS_STREAM);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object rawStreamPerDelta() {
		return stream(Workload.RAW_STREAM);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object chatClientStreamPerDelta() {
		return stream(Workload.CHATCLIENT_STREAM);
	}

}
