package news.dispatch;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature reaches another only through that feature's public types, and no two
 * features depend on each other.
 */
class ModularityTests {

	@Test
	void featuresDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
		ApplicationModules.of(DispatchApplication.class).verify();
	}

}
