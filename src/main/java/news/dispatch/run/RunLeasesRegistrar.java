package news.dispatch.run;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every job the leases of {@link RunLeases}, whichever feature built it and
 * whichever command runs it: a run of the command line holds its lease as one of
 * {@code serve} does, so no instance takes it for dead.
 */
@Component
class RunLeasesRegistrar implements BeanPostProcessor {

	private final ObjectProvider<RunLeases> leases;

	RunLeasesRegistrar(ObjectProvider<RunLeases> leases) {
		this.leases = leases;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(this.leases.getObject());
		}
		return bean;
	}

}
