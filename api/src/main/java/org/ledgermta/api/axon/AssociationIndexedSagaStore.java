package org.ledgermta.api.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * A saga store that knows, in memory, which sagas each association value has, and asks the store only to
 * load and write them.
 *
 * <p>The retry saga handles every delivery, but only the few messages ever deferred have one: without this,
 * each delivered message cost a look-up in the saga collection that found nothing (on the embedded store a
 * scan of the whole collection, growing with the deferred queue). The index is read from the collection once,
 * at start, and kept by the writes that pass through here; it holds an entry per association of a live saga
 * (one per deferred message). This assumes what the rest of the service assumes: one service writes the
 * ledger's sagas.
 */
final class AssociationIndexedSagaStore implements SagaStore<Object> {

    private record Association(String sagaType, String key, String value) {
    }

    private final SagaStore<Object> store;
    private final Serializer serializer;
    private final Map<Association, Set<String>> sagas = new ConcurrentHashMap<>();

    private AssociationIndexedSagaStore(SagaStore<Object> store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    /**
     * @param store      where the sagas are kept
     * @param collection the same sagas as axon-mongo stores them ({@code sagaType}, {@code sagaIdentifier},
     *                   {@code associations: [{key, value}]}), read once here
     * @param serializer the one that names saga types in {@code store}
     */
    static AssociationIndexedSagaStore over(SagaStore<Object> store, MongoCollection<Document> collection,
                                            Serializer serializer) {
        AssociationIndexedSagaStore indexed = new AssociationIndexedSagaStore(store, serializer);
        for (Document saga : collection.find()
                .projection(Projections.include("sagaType", "sagaIdentifier", "associations"))) {
            String type = saga.getString("sagaType");
            String id = saga.getString("sagaIdentifier");
            for (Document association : saga.getList("associations", Document.class, List.of())) {
                indexed.add(new Association(type, association.getString("key"), association.getString("value")), id);
            }
        }
        return indexed;
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        Set<String> known = sagas.get(association(sagaType, associationValue));
        return known == null ? Set.of() : store.findSagas(sagaType, associationValue);
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        return store.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        store.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        associationValues.forEach(value -> add(association(sagaType, value), sagaIdentifier));
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        store.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
        associationValues.addedAssociations().forEach(value -> add(association(sagaType, value), sagaIdentifier));
        associationValues.removedAssociations()
                .forEach(value -> remove(association(sagaType, value), sagaIdentifier));
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        store.deleteSaga(sagaType, sagaIdentifier, associationValues);
        associationValues.forEach(value -> remove(association(sagaType, value), sagaIdentifier));
    }

    private Association association(Class<?> sagaType, AssociationValue value) {
        return new Association(serializer.typeForClass(sagaType).getName(), value.getKey(), value.getValue());
    }

    private void add(Association association, String sagaIdentifier) {
        sagas.compute(association, (a, ids) -> {
            Set<String> known = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            known.add(sagaIdentifier);
            return known;
        });
    }

    private void remove(Association association, String sagaIdentifier) {
        sagas.computeIfPresent(association, (a, ids) -> {
            ids.remove(sagaIdentifier);
            return ids.isEmpty() ? null : ids;
        });
    }
}
