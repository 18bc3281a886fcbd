package dev.pgctl.pgbackrest;

import java.util.Optional;

/**
 * The repository's stanza belongs to another cluster than this one (their system ids differ): its backups
 * are that cluster's, and pgctl never writes into it. {@code pgctl check} reports it, {@code pgctl
 * enable-backups} refuses because of it.
 */
public record OtherCluster(long stanzaSystemId, long ourSystemId) {

    /** Present when the repository holds the stanza, both system ids are known, and they differ. */
    public static Optional<OtherCluster> of(RepoInfo repo, Optional<Long> ours) {
        return of(repo.stanzaMissing(), repo.systemId(), ours);
    }

    static Optional<OtherCluster> of(boolean stanzaMissing, Optional<Long> stanza, Optional<Long> ours) {
        if (stanzaMissing || stanza.isEmpty() || ours.isEmpty() || stanza.equals(ours)) {
            return Optional.empty();
        }
        return Optional.of(new OtherCluster(stanza.get(), ours.get()));
    }

    /** Both ids, for the message: "system id S; this cluster is O". */
    public String ids() {
        return "system id " + stanzaSystemId + "; this cluster is " + ourSystemId;
    }

    /** A stanza name of this cluster's own next to {@code stanza}: the name and this cluster's id in hex. */
    public String ownStanza(String stanza) {
        String hex = Long.toHexString(ourSystemId);
        return stanza + "-" + hex.substring(0, Math.min(6, hex.length()));
    }
}
