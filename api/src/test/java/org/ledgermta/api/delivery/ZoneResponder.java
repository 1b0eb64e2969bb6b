package org.ledgermta.api.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on 127.0.0.1 answering from zone-file lines the test gives it (the very lines our records
 * endpoint tells a customer to publish). UDP only; names it has nothing for answer NXDOMAIN.
 */
final class ZoneResponder implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ZoneResponder() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        thread = Thread.ofPlatform().daemon().name("zone-responder").start(this::serve);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Replaces the zone with these lines (zone-file syntax, absolute names). */
    void zone(List<String> lines) throws IOException {
        records.clear();
        try (Master master = new Master(new ByteArrayInputStream(String.join("\n", lines)
                .getBytes(StandardCharsets.UTF_8)), Name.root)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                records.add(record);
            }
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                Record question = query.getQuestion();
                answer.addRecord(question, Section.QUESTION);
                boolean nameExists = false;
                for (Record record : records) {
                    if (record.getName().equals(question.getName())) {
                        nameExists = true;
                        if (record.getType() == question.getType()) {
                            answer.addRecord(record, Section.ANSWER);
                        }
                    }
                }
                if (!nameExists) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = answer.toWire(512);
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
