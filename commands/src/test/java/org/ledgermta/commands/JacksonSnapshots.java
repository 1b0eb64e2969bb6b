package org.ledgermta.commands;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Snapshots as the api module stores them: Axon's JacksonSerializer with the Java time module. Unknown
 * properties fail here, unlike in the api, so a derived getter that Jackson would write but never restore
 * shows up at once.
 */
public final class JacksonSnapshots {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build())
            .build();

    private JacksonSnapshots() {
    }

    public static <T> T roundTrip(T aggregate) {
        SerializedObject<String> stored = SERIALIZER.serialize(aggregate, String.class);
        return SERIALIZER.deserialize(stored);
    }

    /** A snapshot event as the repository reads it back: the aggregate after the event with this sequence. */
    public static <T> GenericDomainEventMessage<T> snapshot(T aggregate, String identifier, long sequenceNumber) {
        return new GenericDomainEventMessage<>(aggregate.getClass().getSimpleName(), identifier, sequenceNumber,
                aggregate);
    }
}
