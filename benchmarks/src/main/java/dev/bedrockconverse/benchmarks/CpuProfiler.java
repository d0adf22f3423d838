package dev.bedrockconverse.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler of the benchmark JVM's process CPU time per operation
 * ({@code cpu.per.op}, all threads: the benchmark thread, SDK threads, GC, JIT), for a
 * shared machine where the wall-clock score also counts the time other processes held the
 * cores. Use it with {@code -prof dev.bedrockconverse.benchmarks.CpuProfiler}. Operations
 * are derived from the primary score (time per operation, so
 * {@code @OperationsPerInvocation} is honoured) and the iteration's wall time:
 * {@code cpu.per.op = process CPU / wall × score}.
 */
public class CpuProfiler implements InternalProfiler {

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long cpu0;

	private long wall0;

	@Override
	public String getDescription() {
		return "Process CPU time per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.wall0 = System.nanoTime();
		this.cpu0 = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = this.os.getProcessCpuTime() - this.cpu0;
		long wall = System.nanoTime() - this.wall0;
		double score = result.getPrimaryResult().getScore();
		double perOp = (wall > 0) ? (double) cpu / wall * score : Double.NaN;
		return List
			.of(new ScalarResult("cpu.per.op", perOp, result.getPrimaryResult().getScoreUnit(), AggregationPolicy.AVG));
	}

}
