package org.ledgermta.api.smtp;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The STARTTLS server certificate: the configured keystore, or one self-signed and kept in the data directory. */
final class TlsCertificate {

    static final String GENERATED_FILE = "smtp-tls.p12";
    private static final char[] GENERATED_PASSWORD = "ledgermta-self-signed".toCharArray();

    private TlsCertificate() {
    }

    static SSLContext sslContext(SmtpProperties.Tls tls, Path dataDir, String hostname) {
        try {
            Path keystore;
            char[] password;
            if (tls.keystore().isBlank()) {
                keystore = dataDir.resolve(GENERATED_FILE);
                password = GENERATED_PASSWORD;
                if (!Files.exists(keystore)) {
                    generateSelfSigned(keystore, password, hostname);
                }
            } else {
                keystore = Path.of(tls.keystore());
                password = tls.keystorePassword().toCharArray();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("mta.smtp.tls: cannot load the STARTTLS certificate ("
                    + (tls.keystore().isBlank() ? "self-signed in " + dataDir : tls.keystore()) + "): " + e.getMessage(), e);
        }
    }

    private static void generateSelfSigned(Path keystore, char[] password, String hostname) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + hostname);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("smtp", pair.getPrivate(), password, new X509Certificate[] {certificate});
        Files.createDirectories(keystore.getParent());
        Path partial = keystore.resolveSibling(keystore.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            store.store(out, password);
        }
        Files.move(partial, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
