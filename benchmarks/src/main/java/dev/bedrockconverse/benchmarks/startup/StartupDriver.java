package dev.bedrockconverse.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import dev.bedrockconverse.benchmarks.CommandLine;
import dev.bedrockconverse.stub.BedrockStub;

/**
 * Start-up time our auto-configuration adds: {@link StartupApp} in a fresh JVM each time,
 * alternately with our auto-configurations active ("with": model, region, endpoint and
 * static credentials set, so the clients and the ChatModel are created) and excluded
 * through {@code spring.autoconfigure.exclude} ("without": the same class path, so only
 * our auto-configuration's work differs), in the order with, without, without, with, …
 * Prints each run, then the medians and the median of the paired differences with its
 * spread. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bedrockconverse.benchmarks.startup.StartupDriver [--pairs 8]
 * </pre>
 */
public final class StartupDriver {

	/** Our auto-configurations, as the auto-configuration module registers them. */
	static final List<String> OURS = ImportCandidates
		.load(AutoConfiguration.class, StartupDriver.class.getClassLoader())
		.getCandidates()
		.stream()
		.filter((name) -> name.startsWith("dev.bedrockconverse."))
		.toList();

	private StartupDriver() {
	}

	public static void main(String[] args) throws Exception {
		int pairs = CommandLine.intOption(args, "--pairs", 8);
		// One unmeasured start of each, to warm the OS file cache.
		start(true);
		start(false);
		List<double[]> with = new ArrayList<>();
		List<double[]> without = new ArrayList<>();
		for (int p = 0; p < pairs; p++) {
			boolean withFirst = (p % 2 == 0);
			double[] a = start(withFirst);
			double[] b = start(!withFirst);
			(withFirst ? with : without).add(a);
			(withFirst ? without : with).add(b);
		}
		double[] diffRun = new double[pairs];
		double[] diffJvm = new double[pairs];
		for (int p = 0; p < pairs; p++) {
			diffRun[p] = with.get(p)[0] - without.get(p)[0];
			diffJvm[p] = with.get(p)[1] - without.get(p)[1];
		}
		System.out.println(String.format(Locale.ROOT,
				"SUMMARY startup pairs=%d with_run_ms=%.1f without_run_ms=%.1f added_run_ms=%s added_since_jvm_start_ms=%s",
				pairs, median(with.stream().mapToDouble((r) -> r[0]).toArray()),
				median(without.stream().mapToDouble((r) -> r[0]).toArray()), spread(diffRun), spread(diffJvm)));
	}

	static double[] start(boolean with) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(StartupApp.class.getName());
		if (with) {
			command.add("--bedrock.converse.model=bench.model-v1:0");
			command.add("--bedrock.converse.region=us-east-1");
			// Never contacted: start-up creates clients but sends nothing.
			command.add("--bedrock.converse.endpoint=http://127.0.0.1:9");
			command.add("--bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID);
			command.add("--bedrock.converse.credentials.secret-access-key=" + BedrockStub.TEST_SECRET_ACCESS_KEY);
		}
		else {
			command.add("--spring.autoconfigure.exclude=" + String.join(",", OURS));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		StringBuilder all = new StringBuilder();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				all.append(line).append('\n');
				if (line.startsWith("STARTUP ")) {
					result = line;
				}
			}
		}
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		if (result == null || process.exitValue() != 0) {
			throw new IllegalStateException("start-up run failed:\n" + all);
		}
		if (result.contains("chat_model=true") != with) {
			throw new IllegalStateException("expected chat_model=" + with + ": " + result);
		}
		System.out.println((with ? "with    " : "without ") + result);
		return new double[] { value(result, "run_ms="), value(result, "since_jvm_start_ms=") };
	}

	private static double value(String line, String key) {
		int i = line.indexOf(key) + key.length();
		int j = line.indexOf(' ', i);
		return Double.parseDouble(line.substring(i, (j < 0) ? line.length() : j));
	}

	private static double median(double[] values) {
		double[] v = values.clone();
		Arrays.sort(v);
		return (v.length % 2 == 1) ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}

	private static String spread(double[] values) {
		double[] v = values.clone();
		Arrays.sort(v);
		return String.format(Locale.ROOT, "%+.1f[%+.1f..%+.1f]", median(v), v[0], v[v.length - 1]);
	}

}
