package org.ledgermta.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The schema's own scalars: {@code DateTime} (an Instant as ISO-8601 text) and {@code JSON} (output only). */
final class Scalars {

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant as ISO-8601 text, written in UTC (2025-03-01T12:00:00.123Z); input may carry"
                    + " any offset (2025-03-01T13:00:00+01:00).")
            .coercing(new DateTimeCoercing())
            .build();

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("A JSON value, as the ledger stored it; output only.")
            .coercing(new JsonCoercing())
            .build();

    private Scalars() {
    }

    private static final class DateTimeCoercing implements Coercing<Instant, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            throw new CoercingSerializeException("Expected an Instant, got " + value.getClass().getName());
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException("A DateTime is ISO-8601 text such as 2025-03-01T12:00:00Z.");
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                    Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException("A DateTime is ISO-8601 text such as \"2025-03-01T12:00:00Z\".");
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static <E extends RuntimeException> Instant parse(String text,
                                                                  java.util.function.Function<String, E> failure) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw failure.apply("'" + text + "' is not an ISO-8601 date and time with an offset, such as"
                        + " 2025-03-01T12:00:00Z.");
            }
        }
    }

    private static final class JsonCoercing implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            throw new CoercingParseValueException("JSON is an output type only.");
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                   Locale locale) {
            throw new CoercingParseLiteralException("JSON is an output type only.");
        }
    }
}
