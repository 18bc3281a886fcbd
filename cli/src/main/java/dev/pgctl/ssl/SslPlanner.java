package dev.pgctl.ssl;

import dev.pgctl.problem.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Decides what to do with the certificate directory. Pure; SslPlannerTest covers every branch. */
public final class SslPlanner {
    /** Generated server certificates are renewed this long before they expire. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    public enum Action {
        /** the user's certificates, used exactly as they are */
        USE_PROVIDED,
        /** certificates pgctl generated earlier, still good */
        USE_GENERATED,
        /** nothing there: generate a private CA and a server certificate */
        GENERATE,
        /** pgctl's server certificate expires soon or lacks a wanted name: a new one from the same CA */
        RENEW,
        /** refuse to start, nothing changed */
        REFUSE
    }

    /** What the directory holds. server is empty when server.crt is missing. */
    public record Dir(Path path, boolean hasCert, boolean hasKey, boolean generated, boolean hasCaKey,
            Optional<CertInfo> server, Optional<Boolean> keyMatches) {
    }

    public record Decision(Action action, String reason, Optional<Problem> problem) {
        static Decision of(Action a, String reason) {
            return new Decision(a, reason, Optional.empty());
        }

        static Decision refuse(Problem p) {
            return new Decision(Action.REFUSE, p.what(), Optional.of(p));
        }
    }

    private SslPlanner() {
    }

    public static Decision decide(Dir d, List<String> wantedSans, Instant now) {
        Path crt = d.path().resolve("server.crt");
        Path key = d.path().resolve("server.key");
        String regenerate = "to let pgctl generate certificates instead, remove both: rm " + crt + " " + key;
        if (!d.hasCert() && !d.hasKey()) {
            return Decision.of(Action.GENERATE, "no server.crt and server.key in " + d.path());
        }
        if (d.hasCert() != d.hasKey()) {
            Path missing = d.hasCert() ? key : crt;
            return Decision.refuse(Problem.of(missing.toString(), "is missing, but " + (d.hasCert() ? crt : key) + " is there",
                    "PostgreSQL needs the certificate and its private key together",
                    "put the matching file there", regenerate));
        }
        if (d.generated()) {
            CertInfo s = d.server().orElseThrow();
            if (!d.hasCaKey()) {
                return Decision.of(Action.USE_GENERATED, "generated certificate (its CA key was removed: not renewed)");
            }
            if (s.notAfter().isBefore(now.plus(RENEW_BEFORE))) {
                return Decision.of(Action.RENEW, "the generated certificate expires on " + s.notAfter());
            }
            if (!s.covers(wantedSans)) {
                return Decision.of(Action.RENEW, "the generated certificate lacks some of " + wantedSans);
            }
            return Decision.of(Action.USE_GENERATED, "generated certificate, valid until " + s.notAfter());
        }
        CertInfo s = d.server().orElseThrow();
        if (d.keyMatches().equals(Optional.of(false))) {
            return Decision.refuse(Problem.of(key.toString(), "does not belong to " + crt,
                    "PostgreSQL would refuse to start with a key that does not match its certificate",
                    "put the key that was issued with " + crt + " there", regenerate));
        }
        if (s.notAfter().isBefore(now)) {
            return Decision.refuse(Problem.of(crt.toString(), "expired on " + s.notAfter(),
                    "clients that verify the server (sslmode=verify-ca or verify-full) would refuse to connect",
                    "put a renewed certificate and its key there", regenerate));
        }
        if (s.notBefore().isAfter(now)) {
            return Decision.refuse(Problem.of(crt.toString(), "is not valid before " + s.notBefore(),
                    "clients would refuse it; is the clock of this machine right?",
                    "put a current certificate there", regenerate));
        }
        return Decision.of(Action.USE_PROVIDED, "certificates provided in " + d.path() + ", valid until " + s.notAfter());
    }
}
