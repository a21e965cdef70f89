package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import org.jboss.logging.Logger;

import io.creditcontrol.collections.config.CreditInsuranceConfig;
import io.creditcontrol.collections.config.DunningConfig;
import io.creditcontrol.collections.dunning.DunningStrategy.Decision;
import io.creditcontrol.collections.dunning.DunningStrategy.Execute;
import io.creditcontrol.collections.dunning.DunningStrategy.ItemState;
import io.creditcontrol.collections.dunning.DunningStrategy.Wait;
import io.creditcontrol.collections.letters.DunningLetter;
import io.creditcontrol.collections.letters.LetterWriter;
import io.creditcontrol.collections.letters.LetterWriter.ChasedInvoice;
import io.creditcontrol.collections.ledger.BuyerProfile;
import io.creditcontrol.collections.ledger.OpenItem;
import io.creditcontrol.collections.messaging.CloudEvent;
import io.creditcontrol.collections.messaging.EventData;
import io.creditcontrol.collections.messaging.Outbox;
import io.creditcontrol.collections.messaging.events.CollectionsEvents;
import io.creditcontrol.collections.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.collections.messaging.events.CollectionsEvents.PromiseBroken;
import io.creditcontrol.collections.messaging.events.CollectionsEvents.SupplyStopRecommended;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The dunning worker: "the event handler records, the worker decides". Event handlers only set
 * an item's review date; on each run the worker takes the items whose review date has come,
 * re-reads each one's current state (open and disputed amounts, payments, promises, steps
 * already executed) and lets the strategy decide.
 *
 * <p>Items are reviewed in chunks, one transaction each, holding the worker lease: the executed
 * step, its outbox event and the item's next review date are committed together. A run that
 * stops half-way (crash, restart) has committed whole chunks only; the rest still have their
 * review date in the past and are taken by the next run. A step is executed at most once per
 * invoice: the strategy never repeats one, and the unique constraint on (invoice, step) makes
 * a racing second worker's chunk fail and roll back instead of sending twice.
 */
@ApplicationScoped
public class DunningWorker {

    private static final Logger LOG = Logger.getLogger(DunningWorker.class);
    public static final String SOURCE = "/collections-service/dunning";
    private static final int CHUNK_ATTEMPTS = 3;
    /** The step recorded when an insured buyer's protracted default must be reported to the insurer. */
    public static final String INSURER_DEADLINE = "INSURER_DEADLINE";

    private final EntityManager em;
    private final Outbox outbox;
    private final EventData eventData;
    private final Clock clock;
    private final DunningConfig config;
    private final CreditInsuranceConfig insurance;
    private final LetterWriter letters;
    private final MeterRegistry metrics;
    private final Map<String, DunningStrategy> strategies = new HashMap<>();

    DunningWorker(EntityManager em, Outbox outbox, EventData eventData, Clock clock, DunningConfig config,
            CreditInsuranceConfig insurance, LetterWriter letters, MeterRegistry metrics) {
        this.insurance = insurance;
        this.letters = letters;
        this.metrics = metrics;
        this.em = em;
        this.outbox = outbox;
        this.eventData = eventData;
        this.clock = clock;
        this.config = config;
        config.strategies().forEach((name, strategy) -> strategies.put(name, DunningStrategy.from(name, strategy)));
        if (!strategies.containsKey(config.defaultStrategy())) {
            throw new IllegalStateException("credit.dunning.default-strategy names no configured strategy: " + config.defaultStrategy());
        }
    }

    public record RunResult(LocalDate runDate, int itemsReviewed, int stepsExecuted, int promisesBroken, boolean complete) {
    }

    @Scheduled(cron = "${credit.dunning.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRun() {
        RunResult result = run(Integer.MAX_VALUE);
        LOG.infof("Dunning run for %s: %d item(s) reviewed, %d step(s) executed, %d promise(s) broken",
                result.runDate(), result.itemsReviewed(), result.stepsExecuted(), result.promisesBroken());
    }

    /**
     * The buyer's strategy: by grade first (risk outweighs the commercial relationship): the
     * strategy with the highest from-grade at or below the buyer's grade; else one that lists
     * the buyer's segment; else the default.
     */
    public DunningStrategy strategyFor(OpenItem item) {
        BuyerProfile profile = BuyerProfile.findById(item.buyerId);
        return strategyFor(profile == null ? null : profile.grade, profile == null ? null : profile.segment);
    }

    /** The strategy for a buyer of that grade and segment (either may be null: unknown). */
    public DunningStrategy strategyFor(Integer grade, String segment) {
        String chosen = null;
        if (grade != null) {
            int best = Integer.MIN_VALUE;
            for (var entry : config.strategies().entrySet()) {
                Integer from = entry.getValue().fromGrade().orElse(null);
                if (from != null && from <= grade && from > best) {
                    best = from;
                    chosen = entry.getKey();
                }
            }
        }
        if (chosen == null && segment != null) {
            chosen = config.strategies().entrySet().stream()
                    .filter(e -> e.getValue().segments().map(list -> list.contains(segment)).orElse(false))
                    .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
        }
        return strategies.get(chosen == null ? config.defaultStrategy() : chosen);
    }

    /**
     * Reviews every item due for review today, at most {@code maxItems} of them (a run cut
     * short is what a crash looks like to the next run).
     */
    public RunResult run(int maxItems) {
        LocalDate today = LocalDate.now(clock);
        int reviewed = 0;
        int executed = 0;
        int broken = 0;
        while (reviewed < maxItems) {
            int limit = Math.min(config.chunkSize(), maxItems - reviewed);
            int[] chunk = null;
            Map<String, Integer> actions = new HashMap<>();
            for (int attempt = 1; chunk == null; attempt++) {
                try {
                    actions.clear();
                    chunk = QuarkusTransaction.requiringNew().call(() -> reviewChunk(today, limit, actions));
                } catch (RuntimeException e) {
                    // a concurrent ledger update of the same item (optimistic lock) or a racing worker
                    if (attempt >= CHUNK_ATTEMPTS) {
                        LOG.errorf(e, "Dunning run for %s stopped; the remaining items are reviewed by the next run", today);
                        return new RunResult(today, reviewed, executed, broken, false);
                    }
                    LOG.warnf("Dunning chunk failed (attempt %d), retrying: %s", attempt, e.getMessage());
                }
            }
            if (chunk[0] < 0) {
                return new RunResult(today, reviewed, executed, broken, false); // another worker holds the lease
            }
            // counted once committed: a chunk rolled back took no action
            actions.forEach((action, count) -> metrics.counter("credit.dunning.actions", "action", action).increment(count));
            reviewed += chunk[0];
            executed += chunk[1];
            broken += chunk[2];
            if (chunk[0] < limit) {
                return new RunResult(today, reviewed, executed, broken, true);
            }
        }
        return new RunResult(today, reviewed, executed, broken, false);
    }

    /** {items reviewed, steps executed, promises broken}; items = -1 when the lease is taken. */
    int[] reviewChunk(LocalDate today, int limit, Map<String, Integer> actions) {
        List<?> lease = em.createNativeQuery("SELECT id FROM dunning_worker_lease WHERE id = 1 FOR UPDATE SKIP LOCKED").getResultList();
        if (lease.isEmpty()) {
            return new int[] {-1, 0, 0};
        }
        // Nothing the chunk reads depends on what it has written so far (review dates, steps,
        // letters, events): no flush before each query, one at the end.
        em.setFlushMode(FlushModeType.COMMIT);
        List<OpenItem> items = OpenItem.find("dunningReviewOn <= ?1 order by dunningReviewOn, invoiceNumber", today)
                .page(0, limit).list();
        Chunk chunk = Chunk.read(em, items, today);
        int executed = 0;
        int broken = 0;
        for (OpenItem item : items) {
            int[] outcome = review(item, chunk, today, actions);
            executed += outcome[0];
            broken += outcome[1];
        }
        // the steps are in the session already; the events and letters follow them, so that the
        // flush sends each kind of row in batches (a letter's step is inserted before it)
        chunk.events().forEach(event -> outbox.append(CollectionsEvents.COLLECTIONS_TOPIC, event));
        chunk.letters().forEach(letter -> letter.persist());
        em.flush();
        return new int[] {items.size(), executed, broken};
    }

    /**
     * The items of one chunk under review. What their decisions are made from, read for the whole
     * chunk in a few queries instead of several per item: the buyers, the steps already executed,
     * open payment plans and promises, the day of the last payment, each buyer's overdue amount,
     * and, for buyers who get letters, the invoices a letter lists. And what the chunk decided to
     * write besides its steps: the events to announce and the letters to send, in that order.
     */
    record Chunk(Map<String, BuyerProfile> buyers, Map<String, Set<String>> executedSteps, Map<String, PaymentPlanInvoice> plans,
            Map<String, BigDecimal> planOpen,
            Map<String, PromiseToPay> openPromises, Map<String, LocalDate> lastPayments, Map<String, BigDecimal> overdue,
            Map<String, List<ChasedInvoice>> letterInvoices, List<CloudEvent> events, List<DunningLetter> letters) {

        static Chunk read(EntityManager em, List<OpenItem> items, LocalDate today) {
            if (items.isEmpty()) {
                return new Chunk(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of());
            }
            List<String> invoices = items.stream().map(item -> item.invoiceNumber).toList();
            List<String> buyerIds = items.stream().map(item -> item.buyerId).distinct().toList();
            Map<String, BuyerProfile> buyers = new HashMap<>();
            BuyerProfile.<BuyerProfile>list("buyerId in ?1", buyerIds).forEach(buyer -> buyers.put(buyer.buyerId, buyer));
            Map<String, Set<String>> steps = new HashMap<>();
            em.createQuery("select s.invoiceNumber, s.step from DunningStep s where s.invoiceNumber in ?1", Object[].class)
                    .setParameter(1, invoices).getResultList()
                    .forEach(row -> steps.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((String) row[1]));
            // the items on an open plan, or on a plan that broke before they were escalated, and what is
            // open today of each open plan's invoices together (whether in this chunk or not)
            Map<String, PaymentPlanInvoice> plans = new HashMap<>();
            em.createQuery("select m from PaymentPlanInvoice m join fetch m.plan p where m.invoiceNumber in ?1 "
                    + "and (p.status = ?2 or m.escalationDue = true)", PaymentPlanInvoice.class)
                    .setParameter(1, invoices).setParameter(2, PaymentPlan.Status.OPEN).getResultList()
                    .forEach(member -> plans.put(member.invoiceNumber, member));
            Map<String, BigDecimal> planOpen = new HashMap<>();
            List<String> openPlanIds = plans.values().stream().filter(member -> member.plan.status == PaymentPlan.Status.OPEN)
                    .map(member -> member.plan.planId).distinct().toList();
            if (!openPlanIds.isEmpty()) {
                em.createQuery("select m.plan.planId, sum(i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount) "
                        + "from PaymentPlanInvoice m, OpenItem i where i.invoiceNumber = m.invoiceNumber and m.plan.planId in ?1 "
                        + "group by m.plan.planId", Object[].class)
                        .setParameter(1, openPlanIds).getResultList()
                        .forEach(row -> planOpen.put((String) row[0], (BigDecimal) row[1]));
            }
            Map<String, PromiseToPay> promises = new HashMap<>();
            PromiseToPay.<PromiseToPay>list("invoiceNumber in ?1 and status = ?2 order by promisedDate desc", invoices, PromiseToPay.Status.OPEN)
                    .forEach(promise -> promises.putIfAbsent(promise.invoiceNumber, promise));
            Map<String, LocalDate> lastPayments = new HashMap<>();
            List<String> paid = items.stream().filter(item -> item.paidAmount.signum() > 0).map(item -> item.invoiceNumber).toList();
            if (!paid.isEmpty()) {
                em.createQuery("select a.invoiceNumber, max(p.receivedOn) from PaymentAllocation a, ReceivedPayment p "
                        + "where p.paymentReference = a.paymentReference and a.invoiceNumber in ?1 group by a.invoiceNumber", Object[].class)
                        .setParameter(1, paid).getResultList()
                        .forEach(row -> lastPayments.put((String) row[0], (LocalDate) row[1]));
            }
            Map<String, BigDecimal> overdue = new HashMap<>();
            em.createQuery("select i.buyerId, i.currency, sum(" + CHASED + ") from OpenItem i "
                    + "where i.buyerId in ?1 and i.dueDate < ?2 and " + CHASED + " > 0 group by i.buyerId, i.currency", Object[].class)
                    .setParameter(1, buyerIds).setParameter(2, today).getResultList()
                    .forEach(row -> overdue.put(row[0] + " " + row[1], (BigDecimal) row[2]));
            Map<String, List<ChasedInvoice>> letterInvoices = new HashMap<>();
            List<String> writtenTo = buyers.values().stream().filter(buyer -> buyer.contactEmail != null).map(buyer -> buyer.buyerId).toList();
            if (!writtenTo.isEmpty()) {
                em.createQuery("select i.buyerId, i.currency, i.invoiceNumber, i.issueDate, i.dueDate, " + CHASED + " from OpenItem i "
                        + "where i.buyerId in ?1 and (i.dueDate < ?2 or i.invoiceNumber in ?3) and " + CHASED + " > 0 "
                        + "order by i.dueDate, i.issueDate, i.invoiceNumber", Object[].class)
                        .setParameter(1, writtenTo).setParameter(2, today).setParameter(3, invoices).getResultList()
                        .forEach(row -> letterInvoices.computeIfAbsent(row[0] + " " + row[1], k -> new ArrayList<>())
                                .add(new ChasedInvoice((String) row[2], (LocalDate) row[3], (LocalDate) row[4], (BigDecimal) row[5])));
            }
            return new Chunk(buyers, steps, plans, planOpen, promises, lastPayments, overdue, letterInvoices, new ArrayList<>(),
                    new ArrayList<>());
        }

        /** The buyer's undisputed amount past due today, in the currency of {@code item}. */
        BigDecimal overdueOf(OpenItem item) {
            return overdue.getOrDefault(item.buyerId + " " + item.currency, BigDecimal.ZERO);
        }

        /** The buyer's invoices in that currency a letter about {@code item} lists, by due date. */
        List<ChasedInvoice> letterInvoicesOf(OpenItem item) {
            return letterInvoices.getOrDefault(item.buyerId + " " + item.currency, List.of());
        }
    }

    /** {steps executed, promises broken} for one item. */
    private int[] review(OpenItem item, Chunk chunk, LocalDate today, Map<String, Integer> actions) {
        boolean promiseBroken = false;
        LocalDate promisedDate = null;
        Set<String> executedSteps = chunk.executedSteps().getOrDefault(item.invoiceNumber, new HashSet<>());
        BuyerProfile profile = chunk.buyers().get(item.buyerId);
        DunningStrategy strategy = strategyFor(profile == null ? null : profile.grade, profile == null ? null : profile.segment);
        PaymentPlanInvoice member = chunk.plans().get(item.invoiceNumber);
        if (member != null && member.plan.status == PaymentPlan.Status.OPEN) {
            // the plan is judged over all its invoices together, whichever of them is under review
            PaymentPlan plan = member.plan;
            BigDecimal planOpen = chunk.planOpen().getOrDefault(plan.planId, item.openAmount());
            PaymentPlanInstalment next = plan.nextUnpaid(planOpen);
            if (next == null || planOpen.signum() <= 0) {
                plan.status = PaymentPlan.Status.COMPLETED;
                plan.settledOn = today;
            } else if (next.dueDate.isBefore(today)) {
                plan.status = PaymentPlan.Status.BROKEN;
                plan.settledOn = today;
                promiseBroken = true;
                actions.merge("PROMISE_BROKEN", 1, Integer::sum);
                // one broken promise per plan (scoring counts a promise id once), naming the invoice the
                // missed instalment is applied to; every other invoice of the plan escalates when reviewed
                publish(chunk, item.buyerId, CollectionsEvents.PROMISE_BROKEN, new PromiseBroken(item.buyerId, plan.planId,
                        plan.agreedOn, plain(next.amount), plan.currency, next.dueDate, plan.appliedTo(next), plan.agreedBy));
                for (PaymentPlanInvoice other : plan.invoices) {
                    if (!other.invoiceNumber.equals(item.invoiceNumber)) {
                        other.escalationDue = true;
                        OpenItem otherItem = em.find(OpenItem.class, other.invoiceNumber);
                        otherItem.reviewDunningBy(today);
                    }
                }
            } else {
                // on track: the sequence is paused; the next instalment gets its reminder, recorded on
                // the invoice the instalment is applied to first (once per plan)
                int executed = 0;
                LocalDate remindOn = next.dueDate.minusDays(config.instalmentReminderDays());
                boolean carrier = plan.appliedTo(next).equals(item.invoiceNumber);
                if (carrier && !executedSteps.contains(next.reminderStep()) && !today.isBefore(remindOn)) {
                    remindInstalment(item, profile, strategy, plan, next, planOpen, today, chunk);
                    actions.merge(DunningAction.REMINDER.name(), 1, Integer::sum);
                    executed++;
                }
                LocalDate review = executedSteps.contains(next.reminderStep()) || executed > 0 || !remindOn.isAfter(today)
                        ? next.dueDate.plusDays(1) : remindOn;
                item.dunningReviewOn = review;
                return new int[] {executed, 0};
            }
        } else if (member != null && member.escalationDue) {
            // the plan broke while another of its invoices was under review
            member.escalationDue = false;
            promiseBroken = true;
        }
        PromiseToPay promise = chunk.openPromises().get(item.invoiceNumber);
        if (promise != null) {
            if (promise.isKeptBy(item.openAmount())) {
                promise.status = PromiseToPay.Status.KEPT;
                promise.settledOn = today;
            } else if (today.isAfter(promise.promisedDate)) {
                promise.status = PromiseToPay.Status.BROKEN;
                promise.settledOn = today;
                promiseBroken = true;
                actions.merge("PROMISE_BROKEN", 1, Integer::sum);
                publish(chunk, item.buyerId, CollectionsEvents.PROMISE_BROKEN, new PromiseBroken(item.buyerId, promise.promiseId,
                        promise.promisedOn, plain(promise.amount), promise.currency, promise.promisedDate, promise.invoiceNumber, promise.takenBy));
            } else {
                promisedDate = promise.promisedDate;
            }
        }
        ItemState state = new ItemState(item.dueDate, item.chasedAmount(), executedSteps,
                item.paidAmount.signum() > 0 ? chunk.lastPayments().get(item.invoiceNumber) : null, promisedDate, promiseBroken);
        Decision decision = strategy.decide(state, today, config.partialPaymentGraceDays());
        int executed = 0;
        LocalDate nextReview = null;
        if (decision instanceof Execute execute) {
            execute(item, profile, strategy, execute, today, chunk);
            actions.merge(execute.step().action().name(), 1, Integer::sum);
            nextReview = execute.nextReviewOn();
            executed++;
        } else if (decision instanceof Wait wait) {
            nextReview = wait.reviewOn();
        }
        if (profile != null && profile.isInsured() && item.chasedAmount().signum() > 0 && !executedSteps.contains(INSURER_DEADLINE)) {
            LocalDate deadline = item.dueDate.plusDays(insurance.protractedDefaultAfterDays() + insurance.reportingDays());
            LocalDate raiseOn = deadline.minusDays(insurance.raiseDaysBefore());
            if (today.isBefore(raiseOn)) {
                nextReview = nextReview == null || raiseOn.isBefore(nextReview) ? raiseOn : nextReview;
            } else {
                raiseInsurerDeadline(item, profile, strategy, deadline, today, chunk);
                actions.merge("INSURER_REPORT_DUE", 1, Integer::sum);
                executed++;
            }
        }
        item.dunningReviewOn = nextReview;
        return new int[] {executed, promiseBroken ? 1 : 0};
    }

    /**
     * The reminder of a plan's next instalment: recorded, and announced at once, or, for a buyer with
     * a dunning contact, e-mailed first: like a letter step it stays AWAITING_DELIVERY, its letter
     * PENDING, until the letter sender has handed the letter to the SMTP server (LetterSender).
     */
    private void remindInstalment(OpenItem item, BuyerProfile profile, DunningStrategy strategy, PaymentPlan plan,
            PaymentPlanInstalment instalment, BigDecimal planOpen, LocalDate today, Chunk chunk) {
        int daysPastDue = (int) ChronoUnit.DAYS.between(item.dueDate, today);
        DunningStep row = new DunningStep();
        row.invoiceNumber = item.invoiceNumber;
        row.buyerId = item.buyerId;
        row.step = instalment.reminderStep();
        row.action = DunningAction.REMINDER.name();
        row.strategy = strategy.name();
        row.strategyVersion = strategy.version();
        row.executedOn = today;
        row.daysPastDue = daysPastDue;
        row.chasedAmount = instalment.amount;
        row.currency = item.currency;
        row.cause = "PAYMENT_PLAN";
        row.dueBy = instalment.dueDate;
        row.executedAt = clock.instant();
        boolean emailed = profile != null && profile.contactEmail != null;
        if (emailed) {
            row.status = DunningStep.AWAITING_DELIVERY;
        }
        row.persist();
        if (emailed) {
            DunningLetter letter = letters.writeInstalmentReminder(profile, row, plan, instalment, plan.invoiceNumbers(), planOpen, today);
            letter.nextAttemptAt = clock.instant();
            chunk.letters().add(letter);
        } else {
            chunk.events().add(stepExecuted(row));
        }
    }

    /**
     * For an insured buyer, an invoice in protracted default must be reported to the insurer by
     * a deadline; it is raised (recorded, announced, on the worklist) some days before it passes.
     */
    private void raiseInsurerDeadline(OpenItem item, BuyerProfile profile, DunningStrategy strategy, LocalDate deadline, LocalDate today,
            Chunk chunk) {
        int daysPastDue = (int) ChronoUnit.DAYS.between(item.dueDate, today);
        DunningStep row = new DunningStep();
        row.invoiceNumber = item.invoiceNumber;
        row.buyerId = item.buyerId;
        row.step = INSURER_DEADLINE;
        row.action = "INSURER_REPORT_DUE";
        row.strategy = strategy.name();
        row.strategyVersion = strategy.version();
        row.executedOn = today;
        row.daysPastDue = daysPastDue;
        row.chasedAmount = item.chasedAmount();
        row.currency = item.currency;
        row.cause = INSURER_DEADLINE;
        row.dueBy = deadline;
        row.executedAt = clock.instant();
        row.persist();
        publish(chunk, item.buyerId, CollectionsEvents.DUNNING_STEP_EXECUTED, new DunningStepExecuted(item.buyerId, item.invoiceNumber,
                row.step, row.action, today, daysPastDue, plain(row.chasedAmount), item.currency, strategy.name(), strategy.version(),
                row.cause, deadline));
        LOG.infof("Invoice %s of insured buyer %s (%s, policy %s) must be reported to the insurer by %s",
                item.invoiceNumber, item.buyerId, profile.insurer, profile.policyNumber, deadline);
    }

    private void execute(OpenItem item, BuyerProfile profile, DunningStrategy strategy, Execute execute, LocalDate today,
            Chunk chunk) {
        DunningStrategy.Step step = execute.step();
        int daysPastDue = (int) ChronoUnit.DAYS.between(item.dueDate, today);
        DunningStep row = new DunningStep();
        row.invoiceNumber = item.invoiceNumber;
        row.buyerId = item.buyerId;
        row.step = step.name();
        row.action = step.action().name();
        row.strategy = strategy.name();
        row.strategyVersion = strategy.version();
        row.executedOn = today;
        row.daysPastDue = daysPastDue;
        row.chasedAmount = item.chasedAmount();
        row.currency = item.currency;
        row.cause = execute.cause();
        row.executedAt = clock.instant();
        boolean emailed = LetterWriter.writesLetter(row.action) && profile != null && profile.contactEmail != null;
        if (emailed) {
            // done, and announced, once the letter has been sent (LetterSender)
            row.status = DunningStep.AWAITING_DELIVERY;
        }
        row.persist();
        if (emailed) {
            DunningLetter letter = letters.write(item, profile, row, today, chunk.letterInvoicesOf(item));
            letter.nextAttemptAt = clock.instant();
            chunk.letters().add(letter);
        } else {
            chunk.events().add(stepExecuted(row));
        }
        if (step.action() == DunningAction.STOP_SUPPLY) {
            publish(chunk, item.buyerId, CollectionsEvents.SUPPLY_STOP_RECOMMENDED, new SupplyStopRecommended(item.buyerId,
                    "Dunning step " + step.name() + " reached for invoice " + item.invoiceNumber + ", " + daysPastDue + " days past due",
                    today, plain(chunk.overdueOf(item)), item.currency, item.invoiceNumber));
        }
    }

    /** What is chased of an item (OpenItem.chasedAmount) when it is positive, in a query over OpenItem i. */
    private static final String CHASED = "(i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount - i.disputedAmount)";


    /** Announces an executed step as credit.dunning.step-executed (now, in the caller's transaction). */
    public void announce(DunningStep row) {
        outbox.append(CollectionsEvents.COLLECTIONS_TOPIC, stepExecuted(row));
    }

    private CloudEvent stepExecuted(DunningStep row) {
        return event(row.buyerId, CollectionsEvents.DUNNING_STEP_EXECUTED, new DunningStepExecuted(row.buyerId, row.invoiceNumber,
                row.step, row.action, row.executedOn, row.daysPastDue, plain(row.chasedAmount), row.currency,
                row.strategy, row.strategyVersion, row.cause, row.dueBy));
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()));
    }

    /** An event the chunk announces once its steps are written. */
    private void publish(Chunk chunk, String buyerId, String type, Object data) {
        chunk.events().add(event(buyerId, type, data));
    }

    private CloudEvent event(String buyerId, String type, Object data) {
        return CloudEvent.create(type, SOURCE, buyerId, clock.instant(), eventData.toTree(data));
    }
}
