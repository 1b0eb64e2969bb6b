package org.ledgermta.api.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's actions on the pool and the queue, each one command in the ledger:
 * reinstate or retire an egress IP; retry a message now, hold, release or delete it. Operator token only.
 */
@RestController
public class OperatorController {

    static final String EGRESS = "/api/v1/egress-ips";
    static final String MESSAGES = "/api/v1/messages";

    /** Optional body of every action: who did it and why (the ledger keeps both). */
    public record Note(String by, String note) {
        String byOr(String fallback) {
            return by == null || by.isBlank() ? fallback : by;
        }

        String noteOr(String fallback) {
            return note == null || note.isBlank() ? fallback : note;
        }
    }

    private final CommandGateway commands;
    private final EgressPool pool;
    private final Clock clock = Clock.systemUTC();

    public OperatorController(CommandGateway commands, EgressPool pool) {
        this.commands = commands;
        this.pool = pool;
    }

    @GetMapping(EGRESS)
    List<EgressIpView> egressIps() {
        return pool.all();
    }

    @PostMapping(EGRESS + "/{ip}/reinstate")
    Map<String, String> reinstate(@PathVariable String ip, @RequestBody(required = false) Note note) {
        Note given = note == null ? new Note(null, null) : note;
        commands.sendAndWait(new ReinstateEgressIpCommand(new EgressIpAddress(ip), given.byOr("operator"),
                given.noteOr(""), clock.instant()));
        return Map.of("egressIp", ip, "state", "ACTIVE");
    }

    @PostMapping(EGRESS + "/{ip}/retire")
    Map<String, String> retire(@PathVariable String ip, @RequestBody(required = false) Note note) {
        Note given = note == null ? new Note(null, null) : note;
        commands.sendAndWait(new RetireEgressIpCommand(new EgressIpAddress(ip), given.byOr("operator"),
                given.noteOr(""), clock.instant()));
        return Map.of("egressIp", ip, "state", "RETIRED");
    }

    @PostMapping(MESSAGES + "/{id}/retry")
    Map<String, String> retryNow(@PathVariable String id) {
        Instant now = clock.instant();
        commands.sendAndWait(new ScheduleDeliveryRetryCommand(MessageId.of(id), now.plusMillis(1),
                java.util.Set.of(), now));
        return Map.of("queueId", id, "retry", "now");
    }

    @PostMapping(MESSAGES + "/{id}/hold")
    Map<String, String> hold(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? new Note(null, null) : note;
        commands.sendAndWait(new HoldMessageCommand(MessageId.of(id), given.byOr("operator"),
                given.noteOr("held by the operator"), clock.instant()));
        return Map.of("queueId", id, "state", "HELD");
    }

    @PostMapping(MESSAGES + "/{id}/release")
    Map<String, String> release(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? new Note(null, null) : note;
        commands.sendAndWait(new ReleaseMessageCommand(MessageId.of(id), given.byOr("operator"), clock.instant()));
        return Map.of("queueId", id, "state", "RELEASED");
    }

    @PostMapping(MESSAGES + "/{id}/delete")
    Map<String, String> delete(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? new Note(null, null) : note;
        commands.sendAndWait(new DeleteMessageCommand(MessageId.of(id), given.byOr("operator"),
                given.noteOr("deleted by the operator"), clock.instant()));
        return Map.of("queueId", id, "state", "DELETED");
    }
}
