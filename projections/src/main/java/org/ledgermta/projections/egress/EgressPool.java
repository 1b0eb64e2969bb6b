package org.ledgermta.projections.egress;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpHealth;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.shaping.BackOff;
import org.ledgermta.domain.warmup.WarmUpPlan;

/**
 * The egress pool's health, in memory for the dispatcher's every pick and in {@code egress_ip_view} so
 * that it is whole after a restart. Meant for a subscribing processor: a block-listing takes the IP out
 * of the pool for every message as soon as the command that recorded it returns.
 * It also carries each IP's warm-up plan and its running back-offs, which the egress gate reads on every pick.
 */
public final class EgressPool {

    public static final String COLLECTION = "egress_ip_view";

    /** Told when an IP comes back into the pool (added or reinstated), so that waiting mail can go. */
    public interface Listener {
        void ipAvailable(EgressIpAddress address);
    }

    private final MongoCollection<Document> collection;
    private final Map<EgressIpAddress, EgressIpView> ips = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public EgressPool(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public EgressPool load() {
        ips.clear();
        for (Document document : collection.find()) {
            EgressIpView view = fromDocument(document);
            ips.put(view.address(), view);
        }
        return this;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public List<EgressIpHealth> health() {
        return ips.values().stream().map(EgressIpView::health).toList();
    }

    public List<EgressIpView> all() {
        return ips.values().stream().sorted(Comparator.comparing(view -> view.address().value())).toList();
    }

    public Optional<EgressIpView> find(EgressIpAddress address) {
        return Optional.ofNullable(ips.get(address));
    }

    @EventHandler
    void on(EgressIpAddedEvent event) {
        save(new EgressIpView(event.address(), event.pool(), event.heloName(), EgressIpView.State.ACTIVE, null,
                event.addedAt(), WarmUpPlan.parse(event.warmUpPlanOrNone()), event.warmUpStartedOnOrAdded(),
                List.of()));
        listeners.forEach(listener -> listener.ipAvailable(event.address()));
    }

    @EventHandler
    void on(EgressIpBlacklistedEvent event) {
        find(event.address()).ifPresent(view -> save(view.with(EgressIpView.State.BLACKLISTED,
                event.blockList() + ": " + event.reply(), event.blacklistedAt())));
    }

    @EventHandler
    void on(EgressIpReinstatedEvent event) {
        find(event.address()).ifPresent(view -> save(view.with(EgressIpView.State.ACTIVE, view.lastBlock(),
                event.reinstatedAt())));
        listeners.forEach(listener -> listener.ipAvailable(event.address()));
    }

    @EventHandler
    void on(EgressIpRetiredEvent event) {
        find(event.address()).ifPresent(view -> save(view.with(EgressIpView.State.RETIRED, view.lastBlock(),
                event.retiredAt())));
    }

    @EventHandler
    void on(EgressIpWarmUpPlanChangedEvent event) {
        find(event.address()).ifPresent(view -> save(view.withPlan(WarmUpPlan.parse(event.warmUpPlan()),
                event.startedOn())));
        listeners.forEach(listener -> listener.ipAvailable(event.address()));
    }

    @EventHandler
    void on(EgressIpBackedOffEvent event) {
        BackOff backOff = new BackOff(event.provider(), event.startedAt(), event.ratePerMinute(), event.stepDuration(),
                event.steps());
        find(event.address()).ifPresent(view -> save(view.withBackOff(
                new EgressIpView.RunningBackOff(backOff, event.reply().toString(), event.rule()))));
    }

    @EventHandler
    void on(EgressIpBackOffEndedEvent event) {
        find(event.address()).ifPresent(view -> save(view.withoutBackOff(event.provider())));
        listeners.forEach(listener -> listener.ipAvailable(event.address()));
    }

    private void save(EgressIpView view) {
        ips.put(view.address(), view);
        collection.replaceOne(Filters.eq("_id", view.address().value()), toDocument(view),
                new ReplaceOptions().upsert(true));
    }

    private static Document toDocument(EgressIpView view) {
        return new Document("_id", view.address().value())
                .append("pool", view.pool().value())
                .append("heloName", view.heloName())
                .append("state", view.state().name())
                .append("lastBlock", view.lastBlock())
                .append("since", Date.from(view.since()))
                .append("warmUpPlan", view.warmUpPlan().text())
                .append("warmUpStartedOn", view.warmUpStartedOn().toString())
                .append("backOffs", view.backOffs().stream().map(EgressPool::toDocument).toList());
    }

    private static Document toDocument(EgressIpView.RunningBackOff running) {
        BackOff backOff = running.backOff();
        return new Document("provider", backOff.provider().value())
                .append("startedAt", Date.from(backOff.startedAt()))
                .append("ratePerMinute", backOff.ratePerMinute())
                .append("stepSeconds", backOff.stepDuration().toSeconds())
                .append("steps", backOff.steps())
                .append("reply", running.reply())
                .append("rule", running.rule());
    }

    private static EgressIpView.RunningBackOff backOffFrom(Document document) {
        return new EgressIpView.RunningBackOff(new BackOff(new ProviderName(document.getString("provider")),
                document.getDate("startedAt").toInstant(), document.getInteger("ratePerMinute"),
                Duration.ofSeconds(document.get("stepSeconds", Number.class).longValue()),
                document.getInteger("steps")), document.getString("reply"), document.getString("rule"));
    }

    private static EgressIpView fromDocument(Document document) {
        return new EgressIpView(new EgressIpAddress(document.getString("_id")),
                new PoolName(document.getString("pool")), document.getString("heloName"),
                EgressIpView.State.valueOf(document.getString("state")), document.getString("lastBlock"),
                document.getDate("since").toInstant(),
                WarmUpPlan.parse(Objects.requireNonNullElse(document.getString("warmUpPlan"), "none")),
                document.getString("warmUpStartedOn") == null ? LocalDate.ofInstant(document.getDate("since")
                        .toInstant(), ZoneOffset.UTC) : LocalDate.parse(document.getString("warmUpStartedOn")),
                document.getList("backOffs", Document.class, List.of()).stream().map(EgressPool::backOffFrom)
                        .toList());
    }
}
