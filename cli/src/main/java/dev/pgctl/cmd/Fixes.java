package dev.pgctl.cmd;

/** Commands that guided problems and next steps name as the fix, written one way wherever they are shown. */
final class Fixes {
    private Fixes() {
    }

    /** The exact command that starts backups of an adopted cluster (the host name is the container ID docker sets). */
    static String enableBackups() {
        return enableBackups(System.getenv().getOrDefault("HOSTNAME", ""));
    }

    static String enableBackups(String hostname) {
        return "docker exec " + (hostname.isBlank() ? "<container>" : hostname) + " pgctl enable-backups";
    }
}
