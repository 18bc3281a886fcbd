package dev.pgctl.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What a PEM certificate says, read with the JDK. */
public record CertInfo(String subject, String issuer, List<String> sans, Instant notBefore, Instant notAfter,
        String sha256) {

    public static CertInfo read(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (CertificateException e) {
            throw new IOException(pem + " is not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    public static CertInfo parse(byte[] pem) throws IOException {
        try {
            return of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem)));
        } catch (CertificateException e) {
            throw new IOException("not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    static CertInfo of(X509Certificate c) throws IOException {
        try {
            List<String> sans = new ArrayList<>();
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        sans.add("DNS:" + entry.get(1));
                    } else if (type == 7) {
                        sans.add("IP:" + entry.get(1));
                    }
                }
            }
            String fp = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            return new CertInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    List.copyOf(sans), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), fp);
        } catch (CertificateParsingException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** True when every wanted name (DNS:x or IP:y) is a subject alternative name. */
    public boolean covers(List<String> wanted) {
        return sans.stream().map(CertInfo::normalise).toList()
                .containsAll(wanted.stream().map(CertInfo::normalise).toList());
    }

    static String normalise(String san) {
        // the JDK prints IPv6 addresses in full form
        String s = san.equals("IP:::1") ? "IP:0:0:0:0:0:0:0:1" : san;
        return s.toLowerCase(Locale.ROOT);
    }
}
