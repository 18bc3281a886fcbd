package dev.pgctl.drill;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that keeps drills from running twice at once: an OS file lock (fcntl, released by the kernel when the
 * process ends, however it ends) on {@code drill.lock} in the run directory. A stale file is harmless: only the
 * lock counts, never the file's existence.
 */
public final class DrillLock implements AutoCloseable {
    public static final String FILE = "drill.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private DrillLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Tries to take the lock in {@code runDir} without waiting; {@link #held()} says whether it was taken. */
    public static DrillLock tryTake(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this process holds it already: another drill in it
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new DrillLock(ch, l);
    }

    /** This process holds the lock: no other drill runs. */
    public boolean held() {
        return lock != null;
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
        }
        channel.close();
    }
}
