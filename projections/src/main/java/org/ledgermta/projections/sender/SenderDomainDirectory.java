package org.ledgermta.projections.sender;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRetiredEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;
import org.ledgermta.domain.sender.SenderDomainRemovedEvent;

/**
 * Every registered sender domain, in memory for the intake (which signs each message with its From
 * domain's active key) and in {@code sender_domain_view} so it is whole after a restart. Meant for a
 * subscribing processor: a registered domain signs the next message accepted after the call returns.
 *
 * <p>TODO(#5): rebuild from the ledger when the collection is lost; today it comes back from {@link #load()}.
 */
public final class SenderDomainDirectory {

    public static final String COLLECTION = "sender_domain_view";

    private final MongoCollection<Document> collection;
    private final Map<DomainName, SenderDomainView> domains = new ConcurrentHashMap<>();

    public SenderDomainDirectory(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public SenderDomainDirectory load() {
        domains.clear();
        for (Document document : collection.find()) {
            SenderDomainView view = fromDocument(document);
            domains.put(view.domain(), view);
        }
        return this;
    }

    public Optional<SenderDomainView> find(DomainName domain) {
        return Optional.ofNullable(domains.get(domain));
    }

    public List<SenderDomainView> all() {
        return domains.values().stream().sorted(Comparator.comparing(view -> view.domain().value())).toList();
    }

    @EventHandler
    void on(SenderDomainRegisteredEvent event) {
        save(new SenderDomainView(event.domain(), event.account(), List.of(), event.at()));
    }

    @EventHandler
    void on(DkimKeyGeneratedEvent event) {
        find(event.domain()).ifPresent(view -> {
            List<SenderDomainView.PublishedKey> keys = new ArrayList<>(view.keys());
            keys.add(new SenderDomainView.PublishedKey(event.key(), null));
            save(new SenderDomainView(view.domain(), view.account(), keys, view.registeredAt()));
        });
    }

    @EventHandler
    void on(DkimKeyRotatedEvent event) {
        find(event.domain()).ifPresent(view -> save(new SenderDomainView(view.domain(), view.account(),
                view.keys().stream().map(published -> published.key().selector().equals(event.oldSelector())
                        ? new SenderDomainView.PublishedKey(published.key(), event.oldKeyValidUntil()) : published)
                        .toList(), view.registeredAt())));
    }

    @EventHandler
    void on(DkimKeyRetiredEvent event) {
        find(event.domain()).ifPresent(view -> save(new SenderDomainView(view.domain(), view.account(),
                view.keys().stream().filter(published -> !published.key().selector().equals(event.selector())).toList(),
                view.registeredAt())));
    }

    @EventHandler
    void on(SenderDomainRemovedEvent event) {
        domains.remove(event.domain());
        collection.deleteOne(Filters.eq("_id", event.domain().value()));
    }

    private void save(SenderDomainView view) {
        domains.put(view.domain(), view);
        collection.replaceOne(Filters.eq("_id", view.domain().value()), toDocument(view),
                new ReplaceOptions().upsert(true));
    }

    private static Document toDocument(SenderDomainView view) {
        return new Document("_id", view.domain().value())
                .append("account", view.account().value())
                .append("registeredAt", Date.from(view.registeredAt()))
                .append("keys", view.keys().stream().map(published -> new Document("selector",
                                published.key().selector().value())
                        .append("algorithm", published.key().algorithm().name())
                        .append("publicKey", published.key().publicKey())
                        .append("encryptedPrivateKey", published.key().encryptedPrivateKey())
                        .append("createdAt", Date.from(published.key().createdAt()))
                        .append("validUntil", published.validUntil() == null ? null : Date.from(published.validUntil())))
                        .toList());
    }

    private static SenderDomainView fromDocument(Document document) {
        List<SenderDomainView.PublishedKey> keys = document.getList("keys", Document.class, List.of()).stream()
                .map(key -> new SenderDomainView.PublishedKey(new DkimKey(new DkimSelector(key.getString("selector")),
                        DkimAlgorithm.valueOf(key.getString("algorithm")), key.getString("publicKey"),
                        key.getString("encryptedPrivateKey"), key.getDate("createdAt").toInstant()),
                        key.getDate("validUntil") == null ? null : key.getDate("validUntil").toInstant()))
                .toList();
        return new SenderDomainView(new DomainName(document.getString("_id")), new AccountId(document.getString("account")),
                keys, document.getDate("registeredAt").toInstant());
    }
}
