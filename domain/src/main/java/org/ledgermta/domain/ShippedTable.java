package org.ledgermta.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads a data table shipped in the domain jar next to the class that owns it (reply-rules.txt, providers.txt). */
public final class ShippedTable {

    private ShippedTable() {
    }

    /**
     * @param owner the class whose package holds the file
     * @param what the table in words, for the error ("The reply rule table")
     */
    public static List<String> lines(Class<?> owner, String name, String what) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + name + " is missing from the classpath next to "
                        + owner.getName() + ".");
            }
            // By name: java.nio.charset is outside what the domain may depend on (DomainDependencyRulesTest).
            return new String(in.readAllBytes(), "UTF-8").lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + name + " could not be read", e);
        }
    }
}
