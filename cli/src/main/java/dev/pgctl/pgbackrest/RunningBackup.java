package dev.pgctl.pgbackrest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pgBackRest backup that holds a stanza's lock, found in the process list, so that a backup that
 * waits for it can say which one it waits for.
 *
 * @param pid  the pgbackrest process
 * @param type full, diff or incr; empty when the command line does not say (pgBackRest's default)
 */
public record RunningBackup(long pid, Optional<String> type) {

    /** "full backup, pid 123" */
    public String describe() {
        return type.map(t -> t + " backup").orElse("backup") + ", pid " + pid;
    }

    /** The backup of this stanza that runs now, if any process shows one. */
    public static Optional<RunningBackup> find(String stanza) {
        return ProcessHandle.allProcesses()
                .flatMap(p -> p.info().commandLine().flatMap(c -> parse(p.pid(), c, stanza)).stream())
                .findFirst();
    }

    /**
     * A pgbackrest command line whose command is {@code backup} (not one of its {@code backup:local}
     * workers, nor any other command) for this stanza, or for no stanza named.
     */
    public static Optional<RunningBackup> parse(long pid, String commandLine, String stanza) {
        List<String> argv = Arrays.asList(commandLine.strip().split("\\s+"));
        if (argv.isEmpty() || !(argv.get(0).equals("pgbackrest") || argv.get(0).endsWith("/pgbackrest"))) {
            return Optional.empty();
        }
        int command = -1;
        Optional<String> type = Optional.empty();
        Optional<String> ofStanza = Optional.empty();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--type=")) {
                type = Optional.of(a.substring(7));
            } else if (a.startsWith("--stanza=")) {
                ofStanza = Optional.of(a.substring(9));
            } else if (!a.startsWith("-") && command < 0) {
                command = i;
            }
        }
        if (command < 0 || !argv.get(command).equals("backup") || ofStanza.map(s -> !s.equals(stanza)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new RunningBackup(pid, type));
    }
}
