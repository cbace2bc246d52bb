package news.dispatch.run;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every job the job runtime's listeners, whichever feature built it and whichever
 * command runs it: the operator's ({@link RunningJobs}: progress, stop requests, metrics)
 * and the run's lease ({@link RunLeases}: a run of the command line holds its lease as
 * one of {@code serve} does, so no instance takes it for dead).
 */
@Component
class JobListenerRegistrar implements BeanPostProcessor {

	private final ObjectProvider<RunningJobs> runningJobs;

	private final ObjectProvider<RunLeases> leases;

	JobListenerRegistrar(ObjectProvider<RunningJobs> runningJobs, ObjectProvider<RunLeases> leases) {
		this.runningJobs = runningJobs;
		this.leases = leases;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(this.runningJobs.getObject());
			job.registerJobExecutionListener(this.leases.getObject());
		}
		return bean;
	}

}
