package dev.pgctl.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads streaming replication state from the running server (pg_stat_wal_receiver, pg_stat_replication). */
public final class ReplicationQueries {
    private ReplicationQueries() {
    }

    static final String STANDBY = "select coalesce(w.status, 'not connected'), coalesce(w.sender_host, ''), "
            + "coalesce(w.sender_port::text, ''), coalesce(w.slot_name, ''), "
            + "coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint, "
            + "case when pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn() then 0 "
            + "else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end, "
            + "coalesce(pg_last_wal_replay_lsn()::text, ''), "
            + "coalesce(to_char(pg_last_xact_replay_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "
            + "from (select 1) one left join pg_stat_wal_receiver w on true";

    static final String REPLICAS = "select application_name, coalesce(host(client_addr), ''), state, sync_state, "
            + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint, "
            + "coalesce(extract(epoch from replay_lag)::text, '') from pg_stat_replication "
            + "where not pg_is_in_recovery() order by 1";

    static final String SLOTS = "select slot_name, active, "
            + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint "
            + "from pg_replication_slots where slot_type = 'physical' and not pg_is_in_recovery() order by 1";

    /**
     * The same questions for one session that does not know the server's role yet: each answers on either role
     * (on a standby the primary's lists are empty, since pg_current_wal_lsn() cannot run there).
     */
    public static final List<Questions.Question> QUESTIONS = List.of(
            new Questions.Question("standby", STANDBY),
            new Questions.Question("replicas", REPLICAS),
            new Questions.Question("slots", SLOTS));

    /** The report from a session's answers to {@link #QUESTIONS}; empty when one of them has no answer. */
    public static Optional<ReplicationReport> of(boolean recovery, Questions.Answers a) {
        if (recovery) {
            return a.get("standby").filter(out -> !out.isBlank()).map(out -> new ReplicationReport("standby",
                    Optional.of(parseUpstream(out)), List.of(), List.of()));
        }
        if (a.get("replicas").isEmpty() || a.get("slots").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplicationReport("primary", Optional.empty(), parseReplicas(a.get("replicas").get()),
                parseSlots(a.get("slots").get())));
    }

    /** Empty when the server cannot be asked. One psql session: the role and the questions for either role. */
    public static Optional<ReplicationReport> read(Postgres pg) {
        List<Questions.Question> questions = new ArrayList<>();
        questions.add(new Questions.Question("recovery", "select pg_is_in_recovery()"));
        questions.addAll(QUESTIONS);
        Questions.Answers a = pg.ask(questions);
        return a.value("recovery").map("t"::equals).flatMap(recovery -> of(recovery, a));
    }

    static ReplicationReport.Upstream parseUpstream(String out) {
        String[] f = out.strip().split("\\|", -1);
        return new ReplicationReport.Upstream(f[0], opt(f[1]), opt(f[2]).map(Integer::parseInt), opt(f[3]),
                Long.parseLong(f[4]), Double.parseDouble(f[5]), opt(f[6]), opt(f[7]));
    }

    static List<ReplicationReport.Downstream> parseReplicas(String out) {
        List<ReplicationReport.Downstream> list = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            list.add(new ReplicationReport.Downstream(f[0], opt(f[1]), f[2], f[3], Long.parseLong(f[4]),
                    opt(f[5]).map(Double::parseDouble)));
        }
        return list;
    }

    static List<ReplicationReport.Slot> parseSlots(String out) {
        List<ReplicationReport.Slot> list = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            list.add(new ReplicationReport.Slot(f[0], f[1].equals("t"), Long.parseLong(f[2])));
        }
        return list;
    }

    private static Optional<String> opt(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
