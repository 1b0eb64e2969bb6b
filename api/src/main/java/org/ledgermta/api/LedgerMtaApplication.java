package org.ledgermta.api;

import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerMtaApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LedgerMtaApplication.class);
        // From the command line an unreachable Redis ends the process with one line on stderr;
        // inside tests the same check throws instead (see RedisReachabilityCheck).
        application.addListeners(new RedisReachabilityCheck(true));
        application.run(args);
    }
}
