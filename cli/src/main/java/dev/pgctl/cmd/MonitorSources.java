package dev.pgctl.cmd;

import dev.pgctl.bootstrap.DataDir;
import dev.pgctl.exec.Proc;
import dev.pgctl.metrics.Monitor;
import dev.pgctl.metrics.Snapshot;
import dev.pgctl.pg.ReadyWal;
import dev.pgctl.pgbackrest.BackupRecord;
import dev.pgctl.pgbackrest.PgBackRest.InfoResult;
import dev.pgctl.status.StatusReport;
import dev.pgctl.wal.WalSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Where pgctl monitor and pgctl metrics get their facts: what {@link StatusCommand#collect} gathers (with the
 * repository's remembered answer), pg_wal's .ready files and free space, the versions, pgctl's backup record.
 * Everything but {@link #readRepository} stays on this machine.
 */
final class MonitorSources implements Monitor.Sources {
    private final Context ctx;
    private final InstantSource clock;
    /** Asked once found: neither changes while the container runs. */
    private volatile Optional<String> pgbackrestVersion = Optional.empty();
    private volatile Optional<String> postgresVersion = Optional.empty();

    MonitorSources(Context ctx, InstantSource clock) {
        this.ctx = ctx;
        this.clock = clock;
    }

    @Override
    public Snapshot gather(Snapshot.Repository repository) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Path pgdata = ctx.config().postgres().pgdata();
        Path runDir = ctx.config().paths().runDir();
        recordWalSample(pgdata, runDir, start);
        StatusReport status = StatusCommand.collect(ctx, repository::asInfoResult);
        if (pgbackrestVersion.isEmpty()) {
            pgbackrestVersion = pgbackrestVersion();
        }
        if (postgresVersion.isEmpty() && status.postgres().up()) {
            // "18.6 (Debian 18.6-1)": the version alone
            postgresVersion = ctx.postgres().value("show server_version").map(v -> v.strip().split("\\s+")[0]);
        }
        Snapshot.Local local = new Snapshot.Local(
                new Snapshot.Versions(pgctlVersion(), pgbackrestVersion, postgresVersion),
                ReadyWal.read(pgdata).map(w -> new Snapshot.WalReady(w.segments(), w.bytes())),
                space("pg_wal", pgdata.resolve("pg_wal")),
                Services.monitorRunning(),
                Files.exists(DataDir.backupsPendingMarker(pgdata)),
                BackupRecord.read(runDir).lastFailedByType());
        return new Snapshot(start, Duration.ofNanos(System.nanoTime() - t0), status, local, repository);
    }

    /**
     * One sample of the WAL backlog for its growth rate (WalForecast), before status reads them: the monitor gathers
     * every tick, so the history in the run directory has one every 10 s.
     */
    private void recordWalSample(Path pgdata, Path runDir, Instant now) {
        ReadyWal.read(pgdata).flatMap(r -> WalSamples.take(pgdata, r, now)).ifPresent(s -> {
            try {
                WalSamples.record(runDir, s);
            } catch (IOException | RuntimeException e) {
                ctx.out().warn("cannot record the WAL backlog in " + runDir.resolve(WalSamples.FILE) + " (" + e.getMessage()
                        + "): the time until pg_wal is full cannot be forecast\nfix: give the postgres user write "
                        + "access to PGCTL_RUN_DIR");
            }
        });
    }

    @Override
    public InfoResult readRepository() {
        return ctx.pgbackrest().info();
    }

    @Override
    public boolean repositoryConfigured() {
        return ctx.config().repo().isPresent();
    }

    @Override
    public Optional<Instant> lastBackupEnded() {
        return BackupRecord.read(ctx.config().paths().runDir()).lastEndedAt();
    }

    static String pgctlVersion() {
        String v = MonitorSources.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private Optional<String> pgbackrestVersion() {
        Proc.Result r = ctx.proc().run(Proc.Spec.of(Duration.ofSeconds(10), "pgbackrest", "version"));
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] words = r.stdout().strip().split("\\s+");
        return words.length == 2 && words[0].equals("pgBackRest") ? Optional.of(words[1]) : Optional.empty();
    }


    private static Optional<StatusReport.Space> space(String what, Path path) {
        try {
            var store = Files.getFileStore(path);
            return Optional.of(new StatusReport.Space(what, path.toString(), store.getUsableSpace(), store.getTotalSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
