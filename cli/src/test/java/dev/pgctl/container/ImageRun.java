package dev.pgctl.container;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/** Runs the pgctl image to completion and returns its exit code and logs. */
final class ImageRun {
    static final String IMAGE = System.getProperty("pgctl.image", "pgctl:18");

    record Exit(long code, String logs) {
    }

    private ImageRun() {
    }

    static GenericContainer<?> container() {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient client, String id) {
                        return StartupStatus.SUCCESSFUL;
                    }
                })
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                        // the caller waits for the exit
                    }
                });
    }

    static Exit runToExit(GenericContainer<?> c, Duration timeout) {
        try {
            c.start();
            Integer code = DockerClientFactory.instance().client().waitContainerCmd(c.getContainerId())
                    .start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            return new Exit(code, c.getLogs(OutputFrame.OutputType.STDOUT, OutputFrame.OutputType.STDERR));
        } finally {
            c.stop();
        }
    }
}
