package io.creditcontrol.collections.api;

import static io.creditcontrol.collections.api.LedgerResource.shown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.collections.aging.AgingBuckets;
import io.creditcontrol.collections.aging.AgingReport;
import io.creditcontrol.collections.dunning.CollectorContact;
import io.creditcontrol.collections.dunning.DunningAction;
import io.creditcontrol.collections.dunning.DunningStep;
import io.creditcontrol.collections.dunning.DunningWorker;
import io.creditcontrol.collections.dunning.PaymentPlan;
import io.creditcontrol.collections.dunning.PaymentPlans;
import io.creditcontrol.collections.dunning.Promises;
import io.creditcontrol.collections.dunning.Promises.PromiseRequest;
import io.creditcontrol.collections.dunning.PromiseToPay;
import io.creditcontrol.collections.letters.DunningLetter;
import io.creditcontrol.collections.letters.LetterWriter;
import io.creditcontrol.collections.ledger.BuyerProfile;
import io.creditcontrol.collections.ledger.OpenItem;
import io.creditcontrol.collections.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** The dunning workflow: each invoice's history, promises to pay, the worker, the collectors' worklist. */
@Path("/api/v1")
@Tag(name = "Dunning", description = "Collection sequence, promises to pay and the collectors' worklist")
@Produces(MediaType.APPLICATION_JSON)
public class DunningResource {

    private final DunningWorker worker;
    private final Promises promises;
    private final PaymentPlans plans;
    private final EntityManager em;
    private final AgingBuckets buckets;
    private final Clock clock;
    private final SecurityIdentity identity;

    DunningResource(DunningWorker worker, Promises promises, PaymentPlans plans, EntityManager em, AgingReport aging, Clock clock,
            SecurityIdentity identity) {
        this.identity = identity;
        this.worker = worker;
        this.promises = promises;
        this.plans = plans;
        this.em = em;
        this.buckets = aging.buckets();
        this.clock = clock;
    }

    @GET
    @Path("/invoices/{invoiceNumber}/dunning")
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    @Operation(summary = "An invoice's dunning: the strategy, every executed step (the audit trail), promises to pay, next review date")
    public InvoiceDunningView invoiceDunning(@PathParam("invoiceNumber") String invoiceNumber) {
        OpenItem item = OpenItem.findById(invoiceNumber);
        if (item == null) {
            throw new NotFoundException("Invoice " + invoiceNumber + " is not in the ledger");
        }
        var strategy = worker.strategyFor(item);
        return new InvoiceDunningView(item.invoiceNumber, item.buyerId, item.currency, item.dueDate, shown(item.chasedAmount()),
                shown(item.disputedAmount.min(item.openAmount().max(BigDecimal.ZERO))), strategy.name(), strategy.version(),
                item.dunningReviewOn, DunningStep.ofInvoice(invoiceNumber).stream().map(StepView::from).toList(),
                PromiseToPay.ofInvoice(invoiceNumber).stream().map(PromiseView::from).toList(),
                Optional.ofNullable(PaymentPlan.ofInvoice(invoiceNumber)).map(PlanView::from).orElse(null),
                DunningLetter.ofInvoice(invoiceNumber).stream().map(LetterView::from).toList());
    }

    @POST
    @Path("/promises")
    @RolesAllowed({ Roles.COLLECTOR, Roles.ANALYST })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a promise to pay", description = "Pauses the invoice's dunning until the promised date. "
            + "If the open amount has not come down by the promised amount by then, the promise is broken: "
            + "announced as credit.promise.broken and the sequence escalates to its next step.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Already recorded with the same content")
    @APIResponse(responseCode = "400", description = "Invalid fields, or a promised date in the past")
    @APIResponse(responseCode = "404", description = "Unknown invoice")
    @APIResponse(responseCode = "409", description = "The promise id was used for other content")
    @APIResponse(responseCode = "422", description = "Another currency, more than is open, or a promise already open")
    public Response takePromise(@Valid @NotNull PromiseRequest request) {
        Promises.Taken taken = promises.take(request, principal());
        PromiseView view = PromiseView.from(taken.promise());
        return taken.created()
                ? Response.created(URI.create("/api/v1/invoices/" + view.invoiceNumber() + "/dunning")).entity(view).build()
                : Response.ok(view).build();
    }

    @POST
    @Path("/payment-plans")
    @RolesAllowed({ Roles.COLLECTOR, Roles.ANALYST })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Agree a payment plan for an invoice or for several invoices of one buyer", description = "The plan names "
            + "one invoice (invoiceNumber) or several of one buyer in one currency (invoiceNumbers); the instalments must add up to "
            + "their undisputed open amount and are applied to them oldest first. While the plan is on track the collection sequence "
            + "of each of its invoices is paused and each instalment is reminded (credit.dunning.instalment-reminder-days before its "
            + "date, e-mailed to the buyer's dunning contact); a missed instalment breaks the plan: announced once as "
            + "credit.promise.broken (promiseId = planId) and the sequence of every invoice of the plan resumes, escalated.")
    @APIResponse(responseCode = "201", description = "Agreed")
    @APIResponse(responseCode = "200", description = "Already agreed")
    @APIResponse(responseCode = "400", description = "Invalid fields, an invoice named twice, both or neither of invoiceNumber and "
            + "invoiceNumbers, or instalment dates in the past or not ascending")
    @APIResponse(responseCode = "404", description = "Unknown invoice (the field naming it is in the problem's violations)")
    @APIResponse(responseCode = "422", description = "Another currency or buyer, an invoice with nothing undisputed open (of several), "
            + "instalments not adding up, or a plan or promise already there")
    public Response agreePlan(@Valid @NotNull PaymentPlans.PlanRequest request) {
        PaymentPlans.Agreed agreed = plans.agree(request, principal());
        PlanView view = PlanView.from(agreed.plan());
        return agreed.created()
                ? Response.created(URI.create("/api/v1/invoices/" + view.invoiceNumber() + "/dunning")).entity(view).build()
                : Response.ok(view).build();
    }

    @PUT
    @Path("/buyers/{buyerId}/credit-insurance")
    @RolesAllowed(Roles.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record that a buyer's receivables are insured", description = "The dunning worker then tracks the insurer's "
            + "deadline for reporting a protracted default (credit.insurer.*) and raises it before it passes.")
    public CreditInsurance insure(@PathParam("buyerId") String buyerId, @Valid @NotNull CreditInsurance insurance) {
        requireBuyerId(buyerId);
        BuyerProfile profile = BuyerProfile.findOrCreate(buyerId);
        profile.insurer = insurance.insurer();
        profile.policyNumber = insurance.policyNumber();
        // each open item is looked at again: its deadline may already be close
        OpenItem.update("dunningReviewOn = ?1 where buyerId = ?2 and (dunningReviewOn is null or dunningReviewOn > ?1)",
                LocalDate.now(clock), buyerId);
        return insurance;
    }

    @DELETE
    @Path("/buyers/{buyerId}/credit-insurance")
    @RolesAllowed(Roles.ANALYST)
    @Transactional
    @Operation(summary = "The buyer is no longer insured")
    public Response uninsure(@PathParam("buyerId") String buyerId) {
        BuyerProfile profile = BuyerProfile.findById(buyerId);
        if (profile == null || !profile.isInsured()) {
            throw new NotFoundException("Buyer " + buyerId + " is not insured");
        }
        profile.insurer = null;
        profile.policyNumber = null;
        return Response.noContent().build();
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The credit insurance covering a buyer's receivables.")
    public record CreditInsurance(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "Allianz Trade") @jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 128) String insurer,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "POL-778812") @jakarta.validation.constraints.NotBlank
            @jakarta.validation.constraints.Size(max = 64) String policyNumber) {
    }

    @PUT
    @Path("/buyers/{buyerId}/collector")
    @RolesAllowed({ Roles.ADMIN, Roles.ANALYST })
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Assign the collector who looks after a buyer (the worklist can be filtered by collector)")
    public CollectorAssignment assignCollector(@PathParam("buyerId") String buyerId, @Valid @NotNull CollectorAssignment assignment) {
        requireBuyerId(buyerId);
        BuyerProfile.findOrCreate(buyerId).collector = assignment.collector();
        return assignment;
    }

    @POST
    @Path("/buyers/{buyerId}/contacts")
    @RolesAllowed(Roles.COLLECTOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record a contact with the buyer and its outcome (a collector's note)")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "404", description = "The buyer has no invoices in the ledger")
    public Response recordContact(@PathParam("buyerId") String buyerId, @Valid @NotNull ContactRequest request) {
        if (OpenItem.count("buyerId", buyerId) == 0) {
            throw new NotFoundException("Buyer " + buyerId + " has no invoices in the ledger");
        }
        CollectorContact contact = new CollectorContact();
        contact.buyerId = buyerId;
        contact.collector = principal();
        contact.channel = request.channel();
        contact.outcome = request.outcome();
        contact.note = request.note();
        contact.contactedOn = request.contactedOn() == null ? LocalDate.now(clock) : request.contactedOn();
        contact.recordedAt = clock.instant();
        contact.persist();
        return Response.status(Response.Status.CREATED).entity(ContactView.from(contact)).build();
    }

    @GET
    @Path("/buyers/{buyerId}/contacts")
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    @Operation(summary = "The contacts with a buyer, latest first")
    public List<ContactView> contacts(@PathParam("buyerId") String buyerId, @QueryParam("limit") Integer limit) {
        return CollectorContact.ofBuyer(buyerId, pageSize(limit, 100, 1000)).stream().map(ContactView::from).toList();
    }

    /** The page size a list endpoint answers: the default when absent, a 400 problem above the cap. */
    static int pageSize(Integer limit, int defaultSize, int cap) {
        int size = limit == null ? defaultSize : limit;
        if (size < 1 || size > cap) {
            throw new InvalidParameterException("limit", "must be between 1 and " + cap);
        }
        return size;
    }

    /** Who is calling: recorded as who took a promise, agreed a plan, made a contact. */
    private String principal() {
        return identity.getPrincipal().getName();
    }

    public record CollectorAssignment(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "collector.li")
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 128) String collector) {
    }

    /** The collector who made the contact is the authenticated principal. */
    public record ContactRequest(
            @NotNull CollectorContact.Channel channel,
            @NotNull CollectorContact.Outcome outcome,
            @jakarta.validation.constraints.Size(max = 2000) String note,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Today when absent") LocalDate contactedOn) {
    }

    public record ContactView(String buyerId, String collector, String channel, String outcome, String note, LocalDate contactedOn) {

        static ContactView from(CollectorContact c) {
            return new ContactView(c.buyerId, c.collector, c.channel.name(), c.outcome.name(), c.note, c.contactedOn);
        }
    }

    private static void requireBuyerId(String buyerId) {
        if (!buyerId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new InvalidParameterException("buyerId", "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)");
        }
    }

    @POST
    @Path("/dunning/runs")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run the dunning worker now", description = "It also runs on its schedule (credit.dunning.cron). "
            + "Running it twice on a day does nothing more: a step is never executed twice. The letters the run decides are "
            + "queued, not sent: the letter sender e-mails them on its own schedule (credit.letters.send-interval), so the "
            + "answer never waits for an SMTP server.")
    public RunView run() {
        DunningWorker.RunResult run = worker.run(Integer.MAX_VALUE);
        return new RunView(run.runDate(), run.itemsReviewed(), run.stepsExecuted(), run.promisesBroken(), run.complete(),
                DunningLetter.count("status", DunningLetter.Status.PENDING.name()));
    }

    /** A run of the worker; lettersPending: the letters waiting for the letter sender (queued by this run or earlier, or retried). */
    public record RunView(LocalDate runDate, int itemsReviewed, int stepsExecuted, int promisesBroken, boolean complete,
            long lettersPending) {
    }

    @PUT
    @Path("/buyers/{buyerId}/dunning-contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({ Roles.COLLECTOR, Roles.ANALYST })
    @Operation(summary = "Who receives the buyer's reminder and demand letters by e-mail, and in which language (en, zh)",
            description = "Without a dunning contact, letter steps are recorded and announced but no letter is e-mailed.")
    public DunningContact setDunningContact(@PathParam("buyerId") String buyerId, @Valid @NotNull DunningContact contact) {
        requireBuyerId(buyerId);
        if (!LetterWriter.LANGUAGES.contains(contact.language())) {
            throw new InvalidParameterException("language", "must be one of " + new java.util.TreeSet<>(LetterWriter.LANGUAGES));
        }
        BuyerProfile profile = BuyerProfile.findOrCreate(buyerId);
        profile.contactName = contact.name();
        profile.contactEmail = contact.email();
        profile.contactLanguage = contact.language();
        return contact;
    }

    public record DunningContact(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "Li Wei") @jakarta.validation.constraints.Size(max = 200)
            String name,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "accounts.payable@buyer.example")
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Email @jakarta.validation.constraints.Size(max = 254)
            String email,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(example = "zh", description = "en or zh")
            @jakarta.validation.constraints.NotBlank String language) {
    }

    @GET
    @Path("/worklist")
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    @Transactional
    @Operation(summary = "Who to chase today, for how much, and what was already done",
            description = "One row per buyer and currency with an undisputed overdue amount, ordered by priority = "
                    + "overdue amount x days past due of the oldest overdue invoice x grade / 5 (a buyer without a grade counts as grade 5).")
    public List<WorklistRow> worklist(@QueryParam("collector") String collector, @QueryParam("bucket") String bucket,
            @QueryParam("currency") String currency, @QueryParam("limit") Integer limit) {
        LocalDate today = LocalDate.now(clock);
        int max = pageSize(limit, 100, 1000);
        if (bucket != null && java.util.stream.IntStream.range(1, buckets.size()).noneMatch(i -> buckets.label(i).equals(bucket))) {
            throw new InvalidParameterException("bucket", "must be one of the overdue buckets, e.g. " + buckets.label(1));
        }
        var query = em.createQuery("""
                select i.buyerId, i.currency,
                       sum(i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount - i.disputedAmount),
                       min(i.dueDate), count(i)
                from OpenItem i
                where i.dueDate < :today and i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount - i.disputedAmount > 0
                """ + (currency == null ? "" : " and i.currency = :currency") + " group by i.buyerId, i.currency", Object[].class)
                .setParameter("today", today);
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        List<Object[]> rows = query.getResultList();
        List<WorklistRow> result = new ArrayList<>();
        for (Object[] row : rows) {
            String buyerId = (String) row[0];
            BigDecimal overdue = (BigDecimal) row[2];
            long days = ChronoUnit.DAYS.between((LocalDate) row[3], today);
            String rowBucket = buckets.label(buckets.bucketOf(days));
            if (bucket != null && !bucket.equals(rowBucket)) {
                continue;
            }
            BuyerProfile profile = BuyerProfile.findById(buyerId);
            if (collector != null && (profile == null || !collector.equals(profile.collector))) {
                continue;
            }
            Integer grade = profile == null ? null : profile.grade;
            BigDecimal priority = overdue.multiply(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(grade == null ? UNKNOWN_GRADE : grade))
                    .divide(BigDecimal.valueOf(UNKNOWN_GRADE), 2, RoundingMode.HALF_UP);
            result.add(new WorklistRow(buyerId, (String) row[1], profile == null ? null : profile.collector, grade, shown(overdue), days,
                    rowBucket, ((Number) row[4]).longValue(), priority, null, null, null, null, List.of()));
        }
        result.sort(Comparator.comparing(WorklistRow::priority).reversed().thenComparing(WorklistRow::buyerId));
        List<WorklistRow> top = result.subList(0, Math.min(max, result.size()));
        List<WorklistRow> withHistory = new ArrayList<>(top.size());
        for (WorklistRow row : top) {
            DunningStep last = DunningStep.<DunningStep>find("buyerId = ?1 and currency = ?2 order by executedOn desc, id desc",
                    row.buyerId(), row.currency()).firstResult();
            PromiseToPay promise = PromiseToPay.<PromiseToPay>find("buyerId = ?1 and currency = ?2 and status = ?3 order by promisedDate",
                    row.buyerId(), row.currency(), PromiseToPay.Status.OPEN).firstResult();
            LocalDate insurerDeadline = em.createQuery("""
                    select min(s.dueBy) from DunningStep s, OpenItem i
                    where i.invoiceNumber = s.invoiceNumber and s.buyerId = ?1 and s.currency = ?2 and s.step = ?3
                      and i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount - i.disputedAmount > 0""", LocalDate.class)
                    .setParameter(1, row.buyerId()).setParameter(2, row.currency()).setParameter(3, DunningWorker.INSURER_DEADLINE)
                    .getSingleResult();
            CollectorContact contact = CollectorContact.<CollectorContact>find("buyerId = ?1 order by contactedOn desc, id desc",
                    row.buyerId()).firstResult();
            // a phone-call task is open until the collector records a contact with the buyer on or after its day
            LocalDate lastContactOn = contact == null ? null : contact.contactedOn;
            List<CallTask> calls = DunningStep.<DunningStep>list("buyerId = ?1 and currency = ?2 and action = ?3 order by executedOn, id",
                    row.buyerId(), row.currency(), DunningAction.COLLECTOR_TASK.name()).stream()
                    .filter(s -> lastContactOn == null || lastContactOn.isBefore(s.executedOn))
                    .map(s -> new CallTask(s.invoiceNumber, s.step, s.executedOn, shown(s.chasedAmount))).toList();
            withHistory.add(row.with(last == null ? null : StepView.from(last), promise == null ? null : PromiseView.from(promise),
                    insurerDeadline, contact == null ? null : ContactView.from(contact), calls));
        }
        return withHistory;
    }

    /** A buyer without a grade weighs as a middle grade: factor 1. */
    static final int UNKNOWN_GRADE = 5;

    public record WorklistRow(String buyerId, String currency, String collector, Integer grade, BigDecimal overdueAmount,
            long maxDaysPastDue, String bucket, long overdueInvoices, BigDecimal priority, StepView lastStep, PromiseView openPromise,
            LocalDate insurerDeadline, ContactView lastContact, List<CallTask> openCallTasks) {

        WorklistRow with(StepView step, PromiseView promise, LocalDate deadline, ContactView contact, List<CallTask> calls) {
            return new WorklistRow(buyerId, currency, collector, grade, overdueAmount, maxDaysPastDue, bucket, overdueInvoices, priority,
                    step, promise, deadline, contact, calls);
        }
    }

    /** A collector's phone call the strategy asked for (a COLLECTOR_TASK step), not yet followed by a recorded contact. */
    public record CallTask(String invoiceNumber, String step, LocalDate since, BigDecimal chasedAmount) {
    }

    public record InvoiceDunningView(String invoiceNumber, String buyerId, String currency, LocalDate dueDate, BigDecimal chasedAmount,
            BigDecimal disputedAmount, String strategy, String strategyVersion, LocalDate nextReviewOn, List<StepView> steps,
            List<PromiseView> promises, PlanView paymentPlan, List<LetterView> letters) {
    }

    /** A reminder or demand letter e-mailed for a step (the text itself is not repeated here). */
    public record LetterView(String step, String kind, String language, String recipient, String subject, String status, int attempts,
            String lastError, Instant sentAt) {

        static LetterView from(DunningLetter l) {
            DunningStep step = DunningStep.findById(l.stepId);
            return new LetterView(step == null ? null : step.step, l.kind, l.language, l.recipient, l.subject, l.status, l.attempts,
                    l.lastError, l.sentAt);
        }
    }

    /** invoiceNumber: the plan's oldest invoice (its only one for a plan over one invoice); invoiceNumbers: all, oldest first. */
    public record PlanView(String planId, String buyerId, String invoiceNumber, List<String> invoiceNumbers, String currency,
            LocalDate agreedOn, String agreedBy, String status, LocalDate settledOn, List<InstalmentView> instalments) {

        static PlanView from(PaymentPlan p) {
            return new PlanView(p.planId, p.buyerId, p.invoiceNumber, p.invoiceNumbers(), p.currency, p.agreedOn, p.agreedBy,
                    p.status.name(), p.settledOn,
                    p.instalments.stream().map(i -> new InstalmentView(i.seq, i.dueDate, shown(i.amount))).toList());
        }
    }

    public record InstalmentView(int seq, LocalDate dueDate, BigDecimal amount) {
    }

    public record StepView(String invoiceNumber, String step, String action, LocalDate executedOn, int daysPastDue,
            BigDecimal chasedAmount, String currency, String strategy, String strategyVersion, String cause, LocalDate dueBy,
            Instant executedAt, String status) {

        static StepView from(DunningStep s) {
            return new StepView(s.invoiceNumber, s.step, s.action, s.executedOn, s.daysPastDue, shown(s.chasedAmount), s.currency,
                    s.strategy, s.strategyVersion, s.cause, s.dueBy, s.executedAt, s.status);
        }
    }

    public record PromiseView(String promiseId, String buyerId, String invoiceNumber, BigDecimal amount, String currency,
            LocalDate promisedOn, LocalDate promisedDate, String takenBy, String status, LocalDate settledOn) {

        static PromiseView from(PromiseToPay p) {
            return new PromiseView(p.promiseId, p.buyerId, p.invoiceNumber, shown(p.amount), p.currency, p.promisedOn, p.promisedDate,
                    p.takenBy, p.status.name(), p.settledOn);
        }
    }
}
