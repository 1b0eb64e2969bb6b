package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_1;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_2;
import static org.ledgermta.delivery.smtp.SmtpTests.HELO;
import static org.ledgermta.delivery.smtp.SmtpTests.MX_HOST;
import static org.ledgermta.delivery.smtp.SmtpTests.PATIENCE;
import static org.ledgermta.delivery.smtp.SmtpTests.completed;
import static org.ledgermta.delivery.smtp.SmtpTests.envelope;
import static org.ledgermta.delivery.smtp.SmtpTests.withReuse;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle connections are reused per egress IP and MX address, replaced when dead, and QUIT when done. */
class SmtpConnectionReuseTest {

    private SmtpDelivery delivery = new SmtpDelivery(withReuse(100, Duration.ofSeconds(30)));
    private ScriptedMx mx;

    @AfterEach
    void stop() throws Exception {
        delivery.close();
        if (mx != null) {
            mx.close();
        }
    }

    @Test
    void secondMessageReusesTheConnectionAfterRset() throws Exception {
        mx = ScriptedMx.start(new MxScript());

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        TransactionResult second = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));

        assertThat(completed(second).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        assertThat(mx.connections()).isEqualTo(1);
        assertThat(mx.transactions()).extracting(ReceivedTransaction::connection).containsExactly(1, 1);
        assertThat(mx.commands()).filteredOn("RSET"::equals).hasSize(1);
        assertThat(mx.commands()).filteredOn(command -> command.startsWith("EHLO")).hasSize(1);
    }

    @Test
    void cachedConnectionTheServerDroppedIsReplacedTransparently() throws Exception {
        mx = ScriptedMx.start(new MxScript().dropAfterMessages(1));

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        TransactionResult second = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));

        assertThat(completed(second).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        assertThat(mx.connections()).isEqualTo(2);
        assertThat(mx.transactions()).extracting(ReceivedTransaction::connection).containsExactly(1, 2);
    }

    @Test
    void cachedConnectionAnswering421ToRsetIsReplacedTransparently() throws Exception {
        mx = ScriptedMx.start(new MxScript().rsetReply("421 4.4.2 mx.test Error: timeout exceeded"));

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        TransactionResult second = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));

        assertThat(completed(second).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        assertThat(mx.transactions()).extracting(ReceivedTransaction::connection).containsExactly(1, 2);
    }

    @Test
    void connectionIsQuitAfterTheMaximumNumberOfMessages() throws Exception {
        delivery = new SmtpDelivery(withReuse(2, Duration.ofSeconds(30)));
        mx = ScriptedMx.start(new MxScript());

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));
        ScriptedMx.await(() -> mx.quits() == 1, PATIENCE, "QUIT after two messages");
        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("c@dest.test"));

        assertThat(mx.transactions()).extracting(ReceivedTransaction::connection).containsExactly(1, 1, 2);
    }

    @Test
    void idleConnectionIsQuitAfterTheMaximumIdleTime() throws Exception {
        delivery = new SmtpDelivery(withReuse(100, Duration.ofMillis(200)));
        mx = ScriptedMx.start(new MxScript());

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        assertThat(delivery.idleConnections()).isEqualTo(1);

        ScriptedMx.await(() -> mx.quits() == 1, PATIENCE, "the idle connection's QUIT");
        assertThat(delivery.idleConnections()).isZero();
    }

    @Test
    void zeroMaximumIdleTimeTurnsReuseOff() throws Exception {
        delivery = new SmtpDelivery(withReuse(100, Duration.ZERO));
        mx = ScriptedMx.start(new MxScript());

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));

        assertThat(mx.transactions()).extracting(ReceivedTransaction::connection).containsExactly(1, 2);
        ScriptedMx.await(() -> mx.quits() == 2, PATIENCE, "a QUIT on each connection");
    }

    @Test
    void connectionClosedWith421IsNotReused() throws Exception {
        mx = ScriptedMx.start(new MxScript().finalReply("421 4.7.0 Too many messages, closing connection"));

        TransactionResult first = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(completed(first).recipients()).allSatisfy(r -> assertThat(r.reply().code()).isEqualTo(421));
        assertThat(delivery.idleConnections()).isZero();
    }

    @Test
    void closeQuitsEveryCachedConnection() throws Exception {
        mx = ScriptedMx.start(new MxScript());
        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        delivery.deliver(EGRESS_2, HELO, MX_HOST, mx.address(), envelope("b@dest.test"));
        assertThat(delivery.idleConnections()).isEqualTo(2);

        delivery.close();

        assertThat(mx.quits()).as("close() waits for the QUITs").isEqualTo(2);
        assertThat(delivery.idleConnections()).isZero();
    }

    @Test
    void concurrentDeliveriesFromTwoEgressIpsAreAllDeliveredFromTheirOwnAddress() throws Exception {
        mx = ScriptedMx.start(new MxScript());
        List<Future<TransactionResult>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 32; i++) {
                InetAddress egress = i % 2 == 0 ? EGRESS_1 : EGRESS_2;
                String recipient = "r" + i + "@dest.test";
                results.add(threads.submit(() -> delivery.deliver(egress, HELO, MX_HOST, mx.address(),
                        envelope(recipient))));
            }
        }

        for (Future<TransactionResult> result : results) {
            assertThat(completed(result.get()).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        }
        assertThat(mx.transactions()).hasSize(32);
        assertThat(mx.transactions()).filteredOn(t -> t.clientIp().equals("127.0.0.11"))
                .allSatisfy(t -> assertThat(t.recipients().getFirst()).matches("r\\d*[02468]@dest.test"))
                .hasSize(16);
        assertThat(mx.connections()).as("connections are reused across threads").isLessThanOrEqualTo(16);
    }
}
