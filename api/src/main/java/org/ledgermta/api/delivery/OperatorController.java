package org.ledgermta.api.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageId;
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
    }

    private static final Note NONE = new Note(null, null);

    private final OperatorActions actions;
    private final EgressPool pool;

    public OperatorController(OperatorActions actions, EgressPool pool) {
        this.actions = actions;
        this.pool = pool;
    }

    /** An egress IP as the operator API shows it: the pool view, with its warm-up plan as text. */
    record EgressIpJson(String address, String pool, String heloName, EgressIpView.State state, String lastBlock,
                        Instant since, String warmUpPlan, LocalDate warmUpStartedOn, List<BackOffJson> backOffs) {

        static EgressIpJson of(EgressIpView view) {
            return new EgressIpJson(view.address().value(), view.pool().value(), view.heloName(), view.state(),
                    view.lastBlock(), view.since(), view.warmUpPlan().text(), view.warmUpStartedOn(),
                    view.backOffs().stream().map(running -> new BackOffJson(running.backOff().provider().value(),
                            running.backOff().startedAt(), running.backOff().endsAt(),
                            running.backOff().ratePerMinute(), running.reply())).toList());
        }
    }

    record BackOffJson(String provider, Instant startedAt, Instant endsAt, int firstRatePerMinute, String reply) {
    }

    /** Body of a warm-up plan change: the plan (name or text), optionally its first day, who and why. */
    public record WarmUpPlanChange(String plan, LocalDate startedOn, String by, String note) {
    }

    @GetMapping(EGRESS)
    List<EgressIpJson> egressIps() {
        return pool.all().stream().map(EgressIpJson::of).toList();
    }

    @PostMapping(EGRESS + "/{ip}/warm-up")
    EgressIpJson changeWarmUpPlan(@PathVariable String ip, @RequestBody WarmUpPlanChange change) {
        EgressIpAddress address = new EgressIpAddress(ip);
        actions.changeWarmUpPlan(address, change.plan(), change.startedOn(), change.by(), change.note());
        return pool.find(address).map(EgressIpJson::of).orElseThrow();
    }

    @PostMapping(EGRESS + "/{ip}/reinstate")
    Map<String, String> reinstate(@PathVariable String ip, @RequestBody(required = false) Note note) {
        Note given = note == null ? NONE : note;
        actions.reinstate(new EgressIpAddress(ip), given.by(), given.note());
        return Map.of("egressIp", ip, "state", "ACTIVE");
    }

    @PostMapping(EGRESS + "/{ip}/retire")
    Map<String, String> retire(@PathVariable String ip, @RequestBody(required = false) Note note) {
        Note given = note == null ? NONE : note;
        actions.retire(new EgressIpAddress(ip), given.by(), given.note());
        return Map.of("egressIp", ip, "state", "RETIRED");
    }

    @PostMapping(MESSAGES + "/{id}/retry")
    Map<String, String> retryNow(@PathVariable String id) {
        actions.retryNow(MessageId.of(id));
        return Map.of("queueId", id, "retry", "now");
    }

    @PostMapping(MESSAGES + "/{id}/hold")
    Map<String, String> hold(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? NONE : note;
        actions.hold(MessageId.of(id), given.by(), given.note());
        return Map.of("queueId", id, "state", "HELD");
    }

    @PostMapping(MESSAGES + "/{id}/release")
    Map<String, String> release(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? NONE : note;
        actions.release(MessageId.of(id), given.by());
        return Map.of("queueId", id, "state", "RELEASED");
    }

    @PostMapping(MESSAGES + "/{id}/delete")
    Map<String, String> delete(@PathVariable String id, @RequestBody(required = false) Note note) {
        Note given = note == null ? NONE : note;
        actions.delete(MessageId.of(id), given.by(), given.note());
        return Map.of("queueId", id, "state", "DELETED");
    }
}
