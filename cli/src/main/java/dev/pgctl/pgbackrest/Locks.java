package dev.pgctl.pgbackrest;

import dev.pgctl.exec.Proc.Result;

/** pgBackRest's locks, as its results show them. */
public final class Locks {
    /** pgBackRest's exit code for LockAcquireError. */
    static final int LOCK_ACQUIRE_ERROR = 50;

    private Locks() {
    }

    /**
     * True when the command ended because another pgBackRest process holds the stanza's lock
     * (LockAcquireError, exit 50): a running backup, or an asynchronous archive-push for stanza-create.
     */
    public static boolean held(Result r) {
        return r.exitCode() == LOCK_ACQUIRE_ERROR || r.diagnostic().contains("LockAcquireError");
    }
}
