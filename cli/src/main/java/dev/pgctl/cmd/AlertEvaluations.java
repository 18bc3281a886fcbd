package dev.pgctl.cmd;

import dev.pgctl.metrics.Monitor;
import dev.pgctl.metrics.Snapshot;
import dev.pgctl.notify.Notifier;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The alert evaluations {@code pgctl monitor} runs: one right after every read of the repository (once a minute
 * and after every backup), on the facts {@code pgctl notify --once} would gather, with the repository as that
 * read found it. A judgement on repository facts that are older than the read would disagree with a
 * {@code notify --once} run in between and make an alert flap; judged right after the read, both see the same.
 *
 * <p>An evaluation runs on its own thread: a hanging webhook (at most about 40 s, {@link Notifier#evaluate})
 * never delays a repository read or a scrape. A read that ends while the previous evaluation still runs is
 * skipped; the next read, a minute later, starts the next one.
 */
final class AlertEvaluations implements Monitor.Listener {
    /** Runs one evaluation on facts whose repository part is given. */
    interface Evaluation {
        void run(Snapshot.Repository repository) throws IOException;
    }

    private final Evaluation evaluation;
    private final Executor executor;
    private final Consumer<String> warn;
    private final AtomicBoolean running = new AtomicBoolean();

    AlertEvaluations(Evaluation evaluation, Executor executor, Consumer<String> warn) {
        this.evaluation = evaluation;
        this.executor = executor;
        this.warn = warn;
    }

    /** The evaluation of {@code pgctl notify --once}, with the repository the monitor just read. */
    static Evaluation of(Context ctx, Notifier notifier) {
        return repository -> notifier.evaluate(NotifyCommand.facts(ctx, Instant.now(), repository::asInfoResult));
    }

    @Override
    public void repositoryRead(Snapshot.Repository repository) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    evaluation.run(repository);
                } catch (IOException | RuntimeException e) {
                    warn.accept("an alert evaluation failed (" + e.getMessage() + "); the next one runs after the next "
                            + "repository read");
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }
}
