package org.ledgermta.api.delivery;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.api.smtp.SmtpIntakeServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in a child JVM, to be killed with SIGKILL by {@link RetrySurvivesKillTest}. It prints its
 * SMTP port, then the name of every event once the unit of work that recorded it has committed (so a
 * printed event is a durable one).
 */
public final class DeliveryServiceProcess {

    public static void main(String[] properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(properties)
                .run();
        context.getBean(EventStore.class).subscribe((List<? extends EventMessage<?>> events) -> {
            Runnable print = () -> events.forEach(event -> {
                synchronized (System.out) {
                    System.out.println("event " + event.getPayloadType().getSimpleName());
                    System.out.flush();
                }
            });
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> print.run());
            } else {
                print.run();
            }
        });
        System.out.println("smtp-port " + context.getBean(SmtpIntakeServer.class).port());
        System.out.flush();
    }
}
