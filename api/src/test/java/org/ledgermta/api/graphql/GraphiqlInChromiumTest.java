package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A person's view: real headless Chromium (Debian's) opens GraphiQL from this service, the operator
 * token goes in the Headers tab, a message query runs and its result shows in the page. The screenshot
 * is kept as a test artefact: api/target/graphiql/message-query.png.
 */
class GraphiqlInChromiumTest {

    @Test
    void graphiqlRunsAMessageQueryAndShowsTheResult() throws Exception {
        try (GraphQlService service = GraphQlService.start(Files.createTempDirectory("graphiql-"));
             HeadlessChromium browser = new HeadlessChromium()) {
            String queueId = service.accept(GraphQlService.ACME, "news@acme.example",
                    List.of("ann@receiver.example"), Instant.parse("2026-11-28T10:00:00Z"));

            browser.open(service.url("/graphiql"));
            browser.awaitScript("GraphiQL rendered", Duration.ofSeconds(30),
                    "return document.querySelector('.graphiql-query-editor .CodeMirror') !== null"
                            + " && document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')"
                            + " !== null;");
            browser.script("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0]);"
                    + "document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')"
                    + ".CodeMirror.setValue(arguments[1]);",
                    "{ message(id: \"" + queueId + "\") { id account sender state pending } }",
                    "{\"Authorization\": \"Bearer " + GraphQlService.OPERATOR_TOKEN + "\"}");
            browser.script("document.querySelector('.graphiql-execute-button').click();");

            String result;
            try {
                result = browser.awaitScript("the query's result in the page", Duration.ofSeconds(30),
                    "const r = document.querySelector('.result-window');"
                            + " return r && r.innerText.includes(arguments[0]) ? r.innerText : '';".replace("arguments[0]",
                            "'" + queueId + "'")).asText();
            } finally {
                // kept whether the query showed or not: it is what a person would have seen
                browser.screenshot(Path.of("target", "graphiql", "message-query.png"));
            }

            assertThat(result).contains(queueId).contains("news@acme.example").contains("QUEUED")
                    .contains("ann@receiver.example");
            assertThat(Files.size(Path.of("target", "graphiql", "message-query.png"))).isGreaterThan(10_000);
        }
    }
}
