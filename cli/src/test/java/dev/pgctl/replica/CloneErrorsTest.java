package dev.pgctl.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgctl.replica.CloneErrors.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloneErrorsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "pg_basebackup: error: connection to server at \"db\" (172.18.0.2), port 5432 failed: FATAL:  password authentication failed for user \"replicator\"; AUTH",
        "FATAL:  no pg_hba.conf entry for replication connection from host \"172.18.0.3\", user \"replicator\", no encryption; AUTH",
        "FATAL:  must have REPLICATION attribute to start WAL sender; AUTH",
        "pg_basebackup: error: could not send replication command \"CREATE_REPLICATION_SLOT\": ERROR:  replication slot \"r1\" already exists; SLOT_EXISTS",
        "pg_basebackup: error: could not translate host name \"nowhere\" to address: Name or service not known; UNREACHABLE",
        "connection to server at \"db\" (172.18.0.2), port 5432 failed: Connection refused; UNREACHABLE",
        "FATAL:  the database system is starting up; NOT_READY",
        "pg_basebackup: error: could not create directory \"/x\": Permission denied; OTHER"})
    void classifies(String stderr, Kind kind) {
        assertEquals(kind, CloneErrors.classify(stderr));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "pg_basebackup: error: boom\\npg_basebackup: removing data directory \"/d\"; pg_basebackup: error: boom",
        "'  '; no output"})
    void showsTheLastMeaningfulLine(String out, String expected) {
        assertEquals(expected, CloneErrors.lastLine(out.replace("\\n", "\n")));
    }
}
