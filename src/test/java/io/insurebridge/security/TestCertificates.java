package io.insurebridge.security;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away PKI made at test time (nothing is committed): a CA, and certificates it signs for a server
 * (localhost / 127.0.0.1) and for clients, written as PKCS12 key and trust stores. Plain BouncyCastle ASN.1
 * (bcprov) and the JDK's signature: no extra dependency.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys = keys();
    final X509Certificate ca = sign("CN=InsureBridge Test CA", caKeys.getPublic(), "CN=InsureBridge Test CA",
            caKeys.getPrivate(), true, false);

    /** A key store with the subject's key and certificate signed by the CA (alias "key"). */
    public Path keyStore(Path file, String subject, boolean server) throws Exception {
        KeyPair kp = keys();
        X509Certificate cert = sign(subject, kp.getPublic(), "CN=InsureBridge Test CA", caKeys.getPrivate(), false,
                server);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", kp.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert, ca});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A trust store with the CA only. */
    public Path trustStore(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String subject, java.security.PublicKey key, String issuer,
                                        PrivateKey issuerKey, boolean isCa, boolean server) {
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIAL.incrementAndGet())));
            // the JDK's encoding of the names (RFC 2253 order), as keytool and openssl write them
            tbs.setIssuer(X500Name.getInstance(new javax.security.auth.x500.X500Principal(issuer).getEncoded()));
            tbs.setSubject(X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded()));
            long now = System.currentTimeMillis();
            tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
            tbs.setEndDate(new Time(new Date(now + 86_400_000L)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                    DERNull.INSTANCE);
            tbs.setSignature(algorithm);
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (server) {
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            tbs.setExtensions(extensions.generate());
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(issuerKey);
            signature.update(body.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(body);
            certificate.add(algorithm);
            certificate.add(new DERBitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(new DERSequence(certificate).getEncoded(ASN1Encoding.DER)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
