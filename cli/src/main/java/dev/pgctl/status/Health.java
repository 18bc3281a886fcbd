package dev.pgctl.status;

/**
 * The container's health, as Docker's HEALTHCHECK sees it. Pure.
 *
 * <p>A first start that restores from S3 or copies a primary can take hours; Docker would mark the
 * container unhealthy after its start period, and an orchestrator might kill it half-way. While
 * bootstrap's restore or copy marker is there, the container is healthy ("starting").
 */
public final class Health {
    public record Input(boolean restoring, boolean copying, boolean postgresReady, boolean schedulerExpected,
            boolean schedulerAlive) {
    }

    public record Result(boolean healthy, String message) {
    }

    private Health() {
    }

    public static Result decide(Input in) {
        if (in.restoring()) {
            return new Result(true, "starting: restoring from the repository");
        }
        if (in.copying()) {
            return new Result(true, "starting: copying the primary");
        }
        if (!in.postgresReady()) {
            return new Result(false, "PostgreSQL does not accept connections");
        }
        if (in.schedulerExpected() && !in.schedulerAlive()) {
            return new Result(false, "the backup scheduler is not running (fix: docker restart <container>)");
        }
        return new Result(true, "PostgreSQL accepts connections");
    }
}
