package org.ledgermta.delivery.records;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.egress.EgressIpAddress;

/** The sender domain, pool and keys the records tests share. */
final class Fixtures {

    static final DomainName SHOP = new DomainName("shop.example");
    static final String SOA =
            "shop.example. 3600 IN SOA ns.shop.example. hostmaster.shop.example. 1 7200 900 1209600 300";
    static final List<EgressIpAddress> POOL = List.of(new EgressIpAddress("203.0.113.10"),
            new EgressIpAddress("2001:db8::10"), new EgressIpAddress("203.0.113.11"));
    static final DomainName OUR_SPF_DOMAIN = new DomainName("spf.mta.example");
    static final PublicKey KEY_1 = rsa2048();
    static final PublicKey KEY_2 = rsa2048();
    static final DkimRecordInput S1 = DkimRecordInput.of("s1", KEY_1);
    static final DkimRecordInput S2 = DkimRecordInput.of("s2", KEY_2);

    private Fixtures() {
    }

    static PublicKey rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zone line with the value cut every 200 octets, elsewhere than the records' own cuts, as a customer might. */
    static String txtCutEvery200(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += 200) {
            strings.add(value.substring(start, Math.min(value.length(), start + 200)));
        }
        return txt(name, strings.toArray(String[]::new));
    }

    /** A zone line with the value as one quoted string or several, as a customer might publish it. */
    static String txt(String name, String... strings) {
        StringBuilder line = new StringBuilder(name).append(". 300 IN TXT");
        for (String string : strings) {
            line.append(" \"").append(string).append('"');
        }
        return line.toString();
    }
}
