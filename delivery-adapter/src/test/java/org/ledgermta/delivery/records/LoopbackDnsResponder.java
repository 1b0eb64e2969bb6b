package org.ledgermta.delivery.records;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on 127.0.0.1, UDP and TCP on one port, answering from zone-file lines as an authoritative server
 * would: the records of the type asked (following CNAMEs), else NODATA or NXDOMAIN with the zone's SOA (RFC 2308
 * §3). A test can make it answer an rcode for a name, or stay silent.
 *
 * <p>Trimmed from the dns package's responder (which is package-private there), with one difference: zone lines go
 * through dnsjava's own zone-file parser ({@link Master}), so a test can load the very
 * {@link RecordToPublish#zoneLine()} a customer would paste into their zone.
 */
final class LoopbackDnsResponder implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    LoopbackDnsResponder(String... zoneLines) throws IOException {
        DatagramSocket[] udpSocket = new DatagramSocket[1];
        tcp = bindBoth(udpSocket);
        udp = udpSocket[0];
        add(zoneLines);
        Thread.ofPlatform().daemon().name("records-dns-udp-" + udp.getLocalPort()).start(this::serveUdp);
        Thread.ofPlatform().daemon().name("records-dns-tcp-" + udp.getLocalPort()).start(this::acceptTcp);
    }

    // dnsjava retries a truncated UDP answer over TCP to the same address and port, so both must share the port.
    private static ServerSocket bindBoth(DatagramSocket[] udp) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        for (int attempt = 1; ; attempt++) {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket server = new ServerSocket(socket.getLocalPort(), 50, loopback);
                udp[0] = socket;
                return server;
            } catch (BindException e) {
                socket.close();
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** Zone-file lines with absolute names: {@code "shop.example. 300 IN TXT \"v=spf1 -all\""}. */
    LoopbackDnsResponder add(String... lines) throws IOException {
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try (Master master = new Master(new ByteArrayInputStream(text), Name.root, 300)) {
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                zone.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
            }
        }
        return this;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    void answerWith(String name, int rcode) throws IOException {
        rcodes.put(Name.fromString(name), rcode);
    }

    void neverAnswer() {
        silent = true;
    }

    int queries() {
        return queries.get();
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Optional<Message> answer = answer(query);
                if (answer.isEmpty()) {
                    continue;
                }
                OPTRecord opt = query.getOPT();
                int limit = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
                byte[] wire = answer.get().toWire(limit);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!udp.isClosed()) {
                    System.err.println("loopback DNS responder (UDP): " + e);
                }
            }
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                connections.add(socket);
                Thread.ofPlatform().daemon().start(() -> serveTcp(socket));
            } catch (IOException e) {
                if (!tcp.isClosed()) {
                    System.err.println("loopback DNS responder (TCP): " + e);
                }
            }
        }
    }

    // RFC 1035 §4.2.2: each message is preceded by its length in two bytes.
    private void serveTcp(Socket socket) {
        try (socket;
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (true) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                Optional<Message> answer = answer(new Message(wire));
                if (answer.isPresent()) {
                    byte[] reply = answer.get().toWire();
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (IOException endOfConnection) {
            // the client closed, or we did
        }
    }

    private Optional<Message> answer(Message query) {
        queries.incrementAndGet();
        Record question = query.getQuestion();
        if (silent) {
            return Optional.empty();
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        Integer rcode = rcodes.get(question.getName());
        if (rcode != null) {
            response.getHeader().setRcode(rcode);
            return Optional.of(response);
        }
        Name name = question.getName();
        for (int hop = 0; hop < 8; hop++) {
            List<Record> atName = zone.get(name);
            if (atName == null) {
                Name missing = name;
                boolean emptyNonTerminal = zone.keySet().stream().anyMatch(n -> n.subdomain(missing));
                if (!emptyNonTerminal) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                addSoa(response, name);
                return Optional.of(response);
            }
            List<Record> matching = atName.stream().filter(r -> r.getType() == question.getType()).toList();
            if (!matching.isEmpty()) {
                matching.forEach(r -> response.addRecord(r, Section.ANSWER));
                return Optional.of(response);
            }
            Optional<Record> cname = atName.stream().filter(r -> r.getType() == Type.CNAME).findFirst();
            if (cname.isEmpty()) {
                addSoa(response, name);
                return Optional.of(response);
            }
            response.addRecord(cname.get(), Section.ANSWER);
            name = ((CNAMERecord) cname.get()).getTarget();
        }
        return Optional.of(response);
    }

    private void addSoa(Message response, Name name) {
        for (Name zoneName = name; zoneName.labels() > 0; zoneName = new Name(zoneName, 1)) {
            List<Record> atName = zone.get(zoneName);
            Optional<Record> soa = atName == null ? Optional.empty()
                    : atName.stream().filter(r -> r.getType() == Type.SOA).findFirst();
            if (soa.isPresent()) {
                response.addRecord(soa.get(), Section.AUTHORITY);
                return;
            }
            if (zoneName.equals(Name.root)) {
                return;
            }
        }
    }
}
