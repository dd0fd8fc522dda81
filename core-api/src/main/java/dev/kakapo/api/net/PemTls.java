package dev.kakapo.api.net;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * TLS from the PEM files Kea's configurations name: {@code cert-file} (the certificate, chain
 * after it), {@code key-file} (a PKCS#8 private key, RSA or EC: {@code BEGIN PRIVATE KEY}) and
 * {@code trust-anchor} (a file of CA certificates, or a directory of them). For hook libraries
 * that serve or call HTTPS as Kea configures it (the HA library, exporters).
 */
public final class PemTls {

    private PemTls() {
    }

    /**
     * An SSL context presenting {@code certFile}/{@code keyFile} and trusting {@code trustAnchor}.
     *
     * @throws IOException naming the file that cannot be used and why
     */
    public static SSLContext context(Path certFile, Path keyFile, Path trustAnchor) throws IOException {
        try {
            List<Certificate> chain = certificates(certFile);
            if (chain.isEmpty()) {
                throw new IOException(certFile + " holds no certificate");
            }
            PrivateKey key = privateKey(keyFile);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("kakapo", key, new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (Path file : trustFiles(trustAnchor)) {
                for (Certificate certificate : certificates(file)) {
                    trusted.setCertificateEntry("ca-" + n++, certificate);
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS from " + certFile + ", " + keyFile + " and " + trustAnchor + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> trustFiles(Path trustAnchor) throws IOException {
        if (!Files.isDirectory(trustAnchor)) {
            return List.of(trustAnchor);
        }
        try (Stream<Path> files = Files.list(trustAnchor)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509").generateCertificates(in);
            return new ArrayList<>(found);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----); convert a "
                    + "traditional key with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException(file + " holds a private key of an algorithm other than RSA, EC or Ed25519");
    }
}
