package news.dispatch.run;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every job the operator's listener ({@link RunningJobs}), whichever feature built
 * it.
 */
@Component
class JobListenerRegistrar implements BeanPostProcessor {

	private final ObjectProvider<RunningJobs> runningJobs;

	JobListenerRegistrar(ObjectProvider<RunningJobs> runningJobs) {
		this.runningJobs = runningJobs;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job) {
			job.registerJobExecutionListener(this.runningJobs.getObject());
		}
		return bean;
	}

}
