package dev.pgctl.status;

import dev.pgctl.pg.ReplicationReport;
import dev.pgctl.ui.Out;
import dev.pgctl.ui.Units;
import java.util.Locale;

/** Renders a ReplicationReport for people. Pure. */
public final class ReplicationText {
    private ReplicationText() {
    }

    public static String render(ReplicationReport r, Out o) {
        StringBuilder sb = new StringBuilder();
        if (r.upstream().isPresent()) {
            ReplicationReport.Upstream u = r.upstream().get();
            row(sb, "role", "standby (read-only; backups are taken on the primary)");
            row(sb, "upstream", u.host().map(h -> h + u.port().map(p -> ":" + p).orElse("")).orElse("?") + "  "
                    + (u.state().equals("streaming") ? o.green(u.state()) : o.red(u.state())));
            row(sb, "slot", u.slot().orElse("none"));
            row(sb, "replay lag", Units.bytes(u.lagBytes()) + ", " + String.format(Locale.ROOT, "%.1f s", u.lagSeconds()));
            row(sb, "replayed to", u.replayLsn().orElse("?") + u.lastReplayTime().map(t -> "  (last transaction " + t + ")").orElse(""));
        } else {
            row(sb, "role", "primary");
            if (r.replicas().isEmpty()) {
                row(sb, "replicas", "none connected");
            }
            for (ReplicationReport.Downstream d : r.replicas()) {
                row(sb, "replica", d.name() + d.address().map(a -> " (" + a + ")").orElse("") + "  " + d.state() + ", "
                        + d.syncState() + ", lag " + Units.bytes(d.lagBytes())
                        + d.replayLagSeconds().map(s -> String.format(Locale.ROOT, ", %.1f s", s)).orElse(""));
            }
            for (ReplicationReport.Slot s : r.slots()) {
                row(sb, "slot", s.name() + "  " + (s.active() ? "active" : o.yellow("inactive")) + ", retains "
                        + Units.bytes(s.retainedBytes()) + " of WAL");
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-16s %s%n", key, value));
    }
}
