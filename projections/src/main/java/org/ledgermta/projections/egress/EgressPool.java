package org.ledgermta.projections.egress;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpHealth;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.PoolName;

/**
 * The egress pool's health, in memory for the dispatcher's every pick and in {@code egress_ip_view} so
 * that it is whole after a restart. Meant for a subscribing processor: a block-listing takes the IP out
 * of the pool for every message as soon as the command that recorded it returns.
 *
 * <p>TODO(#5): rebuild from the ledger when the collection is lost; today it comes back from {@link #load()}.
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
                event.addedAt()));
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
                .append("since", Date.from(view.since()));
    }

    private static EgressIpView fromDocument(Document document) {
        return new EgressIpView(new EgressIpAddress(document.getString("_id")),
                new PoolName(document.getString("pool")), document.getString("heloName"),
                EgressIpView.State.valueOf(document.getString("state")), document.getString("lastBlock"),
                document.getDate("since").toInstant());
    }
}
