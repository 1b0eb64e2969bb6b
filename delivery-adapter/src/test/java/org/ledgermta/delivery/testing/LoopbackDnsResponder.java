package org.ledgermta.delivery.testing;

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
import java.util.Set;
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
 * A DNS server on 127.0.0.1, UDP and TCP on one port, answering from the zone-file lines a test gives it, as an
 * authoritative server would: the records of the type asked (following CNAMEs), else NODATA or NXDOMAIN with the
 * zone's SOA in the authority section (RFC 2308 §3). A test can make it answer an rcode, stay silent (for every
 * name or for one), or truncate every UDP answer so the client must come back over TCP. It counts every query it
 * receives, by name and type, and the queries that came over TCP.
 *
 * <p>Zone lines go through dnsjava's own zone-file parser ({@link Master}), so a test can load exactly the line a
 * customer would paste into their zone, with or without the class: {@code "example.com. 300 MX 10 mx1.example.com."}
 * and {@code "shop.example. 300 IN TXT \"v=spf1 -all\""} both work.
 */
public final class LoopbackDnsResponder implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();
    private final Set<Name> silentNames = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile boolean truncateUdp;

    public LoopbackDnsResponder(String... zoneLines) throws IOException {
        DatagramSocket[] udpSocket = new DatagramSocket[1];
        tcp = bindBoth(udpSocket);
        udp = udpSocket[0];
        try {
            add(zoneLines);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        Thread.ofPlatform().daemon().name("loopback-dns-udp-" + udp.getLocalPort()).start(this::serveUdp);
        Thread.ofPlatform().daemon().name("loopback-dns-tcp-" + udp.getLocalPort()).start(this::acceptTcp);
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

    /**
     * Zone-file lines with absolute names, the class optional: {@code "example.com. 300 MX 10 mx1.example.com."},
     * {@code "shop.example. 300 IN TXT \"v=spf1 -all\""}.
     */
    public LoopbackDnsResponder add(String... lines) throws IOException {
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try (Master master = new Master(new ByteArrayInputStream(text), Name.root, 300)) {
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                zone.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
            }
        }
        return this;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    /** From now on, every query for {@code name} ({@code "example.com."}) is answered with {@code rcode} alone. */
    public void answerWith(String name, int rcode) throws IOException {
        rcodes.put(Name.fromString(name), rcode);
    }

    /** From now on, no query is answered (it is still counted). */
    public void neverAnswer() {
        silent = true;
    }

    /** From now on, no query for {@code name} ({@code "mx1.example.com."}) is answered (it is still counted). */
    public void neverAnswer(String name) throws IOException {
        silentNames.add(Name.fromString(name));
    }

    /** From now on, every UDP answer is an empty one with TC set, so the client must ask again over TCP. */
    public void truncateEveryUdpAnswer() {
        truncateUdp = true;
    }

    /** Every query received, over UDP or TCP, answered or not. */
    public int queries() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Queries received for one name ({@code "example.com."}) and type ({@code "MX"}). */
    public int queries(String name, String type) {
        return Optional.ofNullable(counts.get(name.toLowerCase() + " " + type)).map(AtomicInteger::get).orElse(0);
    }

    /** Queries received over TCP. */
    public int tcpQueries() {
        return tcpQueries.get();
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
                byte[] wire;
                if (truncateUdp) {
                    Message truncated = new Message(query.getHeader().getID());
                    truncated.getHeader().setFlag(Flags.QR);
                    truncated.getHeader().setFlag(Flags.TC);
                    truncated.addRecord(query.getQuestion(), Section.QUESTION);
                    wire = truncated.toWire();
                } else {
                    wire = answer.get().toWire(limit);
                }
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
                tcpQueries.incrementAndGet();
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
        Record question = query.getQuestion();
        counts.computeIfAbsent(question.getName().toString().toLowerCase() + " " + Type.string(question.getType()),
                key -> new AtomicInteger()).incrementAndGet();
        if (silent || silentNames.contains(question.getName())) {
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
