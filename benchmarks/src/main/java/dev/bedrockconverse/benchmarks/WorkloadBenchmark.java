package dev.bedrockconverse.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The call side of the three-way comparison (ours, raw SDK, ChatClient) over one pair of
 * {@link Clients}, shared by the benchmarks that differ only in what the clients talk to.
 * A subclass sets the clients and the prompts up and declares its stream benchmarks
 * (whose unit of work differs: per delta in memory, per stream over HTTP) with
 * {@link #stream(Workload)}.
 */
public abstract class WorkloadBenchmark extends BenchmarkSettings {

	/** The clients; set by the subclass's {@code @Setup}. */
	protected Clients clients;

	/** The prompt of the call benchmarks. */
	protected String callText;

	/** The prompt of the stream benchmarks. */
	protected String streamText;

	private final Workload.Counter sink = new Workload.Counter();

	@Benchmark
	public Object oursCall() {
		return Workload.OURS_CALL.run(this.clients, this.callText, this.sink);
	}

	@Benchmark
	public Object rawCall() {
		return Workload.RAW_CALL.run(this.clients, this.callText, this.sink);
	}

	@Benchmark
	public Object chatClientCall() {
		return Workload.CHATCLIENT_CALL.run(this.clients, this.callText, this.sink);
	}

	/**
	 * Run one stream of the stream prompt.
	 * @param workload the stream workload
	 * @return the last delta, for JMH to consume
	 */
	protected Object stream(Workload workload) {
		return workload.run(this.clients, this.streamText, this.sink);
	}

}
