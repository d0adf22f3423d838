package dev.bedrockconverse.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load driver completes a few requests of every kind with no error. No timing is
 * asserted, ever: this only proves the benchmark code still works.
 */
class LoadDriverSmokeTests {

	@Test
	void tenCallsAndTenStreamsOfEachKindCompleteWithoutErrors() throws Exception {
		LoadDriver.Config config = new LoadDriver.Config();
		config.stub = "inproc";
		config.calls = 10;
		config.streams = 10;
		config.streamWords = 9;
		config.concurrency = 2;
		config.rounds = 1;
		config.warmupFraction = 0;
		config.quiet = true;
		List<LoadDriver.Result> results = LoadDriver.run(config);
		assertThat(results).hasSize(8);
		for (LoadDriver.Result r : results) {
			assertThat(r.errors()).as(r.line()).isZero();
			assertThat(r.n()).isEqualTo(10);
			if (r.streaming()) {
				// "Echo:" plus one delta per word of the 9-word prompt.
				assertThat(r.deltas()).as(r.line()).isEqualTo(100);
			}
		}
		assertThat(LoadDriver.summary(results, false)).anyMatch((line) -> line.contains("meters/raw"));
	}

}
