package dev.pgctl.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which process is pgctl monitor (status's MONITOR_DOWN and the metric pgctl_monitor_up rest on it). */
class ServicesTest {
    @Test
    void theMonitorIsPgctlsJvmRunningMonitorNotItsLoopNorAnotherCommand() {
        assertEquals(true, Services.isMonitor(List.of("-XX:+UseSerialGC", "-Xmx128m", "-jar", "/opt/pgctl/pgctl.jar", "monitor")));
        assertEquals(false, Services.isMonitor(List.of("-jar", "/opt/pgctl/pgctl.jar", "metrics")));
        assertEquals(false, Services.isMonitor(List.of("-jar", "/opt/pgctl/pgctl.jar", "status", "monitor")));
        assertEquals(false, Services.isMonitor(List.of("-c", Services.MONITOR_LOOP, "pgctl-monitor")));
        assertEquals(false, Services.isMonitor(List.of("-jar", "/opt/other.jar", "monitor")));
        assertEquals(false, Services.isMonitor(List.of("-jar")));
    }
}
