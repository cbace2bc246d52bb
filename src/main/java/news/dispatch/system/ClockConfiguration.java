package news.dispatch.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the process (see {@link ClockSettings}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock dispatchClock(ClockSettings settings) {
		return settings.clock();
	}

}
