package org.ledgermta.api;

import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerMtaApplication {

    public static void main(String[] args) {
        // Axon's update checker reads this JVM system property (or AXONIQ_UPDATE_CHECKER_DISABLED), not
        // Spring's environment: without it the service calls get.axoniq.io at start. An operator who wants
        // the check can still pass -Daxoniq.update-checker.disabled=false.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication application = new SpringApplication(LedgerMtaApplication.class);
        // From the command line an unreachable Redis ends the process with one line on stderr;
        // inside tests the same check throws instead (see RedisReachabilityCheck).
        application.addListeners(new RedisReachabilityCheck(true));
        application.run(args);
    }
}
