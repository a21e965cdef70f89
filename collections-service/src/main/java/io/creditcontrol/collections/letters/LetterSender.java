package io.creditcontrol.collections.letters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.creditcontrol.collections.config.LettersConfig;
import io.creditcontrol.collections.dunning.DunningStep;
import io.creditcontrol.collections.dunning.DunningWorker;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.TimeoutException;

/**
 * E-mails the pending letters, one transaction each: the letter row is locked (a second sender
 * skips it), the message handed to the SMTP server, and only then are the letter marked SENT,
 * its step DONE and the step announced (credit.dunning.step-executed). When the server refuses,
 * cannot be reached or does not answer within {@code quarkus.mailer.timeout}, the letter stays
 * PENDING with a growing pause before the next attempt: the step is never marked done without
 * its letter. Should the process die between the server's acceptance and the commit, or the
 * server accept a message just after the timeout, the letter is sent again (at least once, as
 * with SMTP).
 *
 * <p>It runs on its own schedule only ({@code credit.letters.send-interval}): no HTTP request
 * waits for an SMTP server. A server that stays silent ends the pass after one timed-out letter;
 * the rest wait for the next pass rather than each waiting out the timeout.
 */
@ApplicationScoped
public class LetterSender {

    private static final Logger LOG = Logger.getLogger(LetterSender.class);

    private final EntityManager em;
    private final Mailer mailer;
    private final DunningWorker worker;
    private final Clock clock;
    private final LettersConfig config;
    private final Duration sendTimeout;

    LetterSender(EntityManager em, Mailer mailer, DunningWorker worker, Clock clock, LettersConfig config,
            @ConfigProperty(name = "quarkus.mailer.timeout") Duration sendTimeout) {
        this.em = em;
        this.mailer = mailer;
        this.worker = worker;
        this.clock = clock;
        this.config = config;
        this.sendTimeout = sendTimeout;
    }

    public record SendResult(int sent, int failed) {
    }

    @Scheduled(every = "${credit.letters.send-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledSend() {
        SendResult result = sendDue();
        if (result.sent() + result.failed() > 0) {
            LOG.infof("Letters: %d sent, %d failed (retried later)", result.sent(), result.failed());
        }
    }

    /**
     * Sends the letters whose next attempt is due, at most credit.letters.batch-size of them,
     * stopping at the first one the server left unanswered.
     */
    public SendResult sendDue() {
        int sent = 0;
        int failed = 0;
        for (int i = 0; i < config.batchSize(); i++) {
            Outcome outcome = QuarkusTransaction.requiringNew().call(this::sendNext);
            if (outcome == Outcome.NOTHING_DUE) {
                break;
            }
            if (outcome == Outcome.SENT) {
                sent++;
            } else {
                failed++;
                if (outcome == Outcome.TIMED_OUT) {
                    break;
                }
            }
        }
        return new SendResult(sent, failed);
    }

    enum Outcome { SENT, FAILED, TIMED_OUT, NOTHING_DUE }

    Outcome sendNext() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<DunningLetter> due = em.createNativeQuery("""
                SELECT * FROM dunning_letter WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""", DunningLetter.class)
                .setParameter("now", now).getResultList();
        if (due.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        DunningLetter letter = due.get(0);
        letter.attempts++;
        try {
            mailer.send(Mail.withText(letter.recipient, letter.subject, letter.body));
        } catch (RuntimeException e) {
            boolean timedOut = e instanceof TimeoutException;
            Duration pause = backoff(letter.attempts);
            letter.nextAttemptAt = now.plus(pause);
            letter.lastError = truncate(timedOut ? "The SMTP server did not complete the send within " + sendTimeout
                    : String.valueOf(e.getMessage()));
            LOG.warnf("Letter %d (%s, invoice %s) not sent, attempt %d; next attempt in %s: %s", letter.id, letter.kind,
                    letter.invoiceNumber, letter.attempts, pause, letter.lastError);
            return timedOut ? Outcome.TIMED_OUT : Outcome.FAILED;
        }
        letter.status = DunningLetter.Status.SENT.name();
        letter.sentAt = now;
        letter.lastError = null;
        DunningStep step = DunningStep.findById(letter.stepId);
        step.status = DunningStep.DONE;
        worker.announce(step);
        return Outcome.SENT;
    }

    Duration backoff(int attempts) {
        Duration pause = config.retryBackoff().multipliedBy(1L << Math.min(20, attempts - 1));
        return pause.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : pause;
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 1000);
    }
}
