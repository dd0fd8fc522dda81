package dev.kakapo.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Certificates made with openssl for TLS tests: a CA, and certificates it signs for 127.0.0.1 and 127.0.0.2. */
public final class TestPki {

    private final Path dir;

    /** Keys and certificates go to {@code dir}. */
    public TestPki(Path dir) {
        this.dir = dir;
    }

    /** The key file (PKCS#8 PEM) of {@code name}. */
    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** Makes {@code name}.key and {@code name}.pem, signed by {@code ca} (a self-signed CA when null); returns the certificate. */
    public Path make(String name, Path ca) throws Exception {
        Path key = key(name);
        Path cert = dir.resolve(name + ".pem");
        Commands.check(30, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        if (ca == null) {
            Commands.check(30, "openssl", "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-days", "2",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign", "-out", cert.toString());
        } else {
            Path csr = dir.resolve(name + ".csr");
            Path ext = dir.resolve(name + ".ext");
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,IP:127.0.0.2\nextendedKeyUsage=serverAuth,clientAuth\n");
            String caName = ca.getFileName().toString().replace(".pem", "");
            Commands.check(30, "openssl", "req", "-new", "-key", key.toString(), "-subj", "/CN=" + name, "-out", csr.toString());
            Commands.check(30, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
                    dir.resolve(caName + ".key").toString(), "-CAcreateserial", "-days", "2", "-extfile", ext.toString(),
                    "-out", cert.toString());
        }
        return cert;
    }
}
