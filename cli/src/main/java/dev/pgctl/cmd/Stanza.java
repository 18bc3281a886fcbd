package dev.pgctl.cmd;

import dev.pgctl.exec.Proc.Result;
import dev.pgctl.pgbackrest.HeldLines;
import dev.pgctl.pgbackrest.Locks;
import dev.pgctl.ui.Out;

/** Creating the stanza, shared by the after-start job and {@code pgctl backup}. */
final class Stanza {
    private Stanza() {
    }

    /**
     * stanza-create takes the archive lock too, which an asynchronous archive-push may hold for a
     * moment (the WAL PostgreSQL wrote before the stanza existed): retry that, report anything else.
     */
    static Result create(Context ctx, Out out) {
        Result r = null;
        for (int attempt = 1; attempt <= 30; attempt++) {
            HeldLines lines = new HeldLines(line -> out.relay("pgbackrest", line));
            r = ctx.pgbackrest().stanzaCreate(lines);
            if (!Locks.held(r)) {
                lines.release();
                return r;
            }
            lines.discard();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
        return r;
    }

}
