package dev.bedrockconverse.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The load driver completes a few requests of every kind with no error. No timing is
 * asserted, ever: this only proves the benchmark code still works.
 */
class LoadDriverSmokeTest {

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
		assertEquals(6, results.size());
		for (LoadDriver.Result r : results) {
			assertEquals(0, r.errors(), r.line());
			assertEquals(10, r.n());
			if (r.streaming()) {
				// "Echo:" plus one delta per word of the 9-word prompt.
				assertEquals(100, r.deltas(), r.line());
			}
		}
		assertFalse(LoadDriver.summary(results, false).isEmpty());
	}

}
