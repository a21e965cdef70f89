package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.limits.messaging.CloudEvent;
import io.creditcontrol.limits.messaging.Outbox;

/**
 * What limits announces on credit.limits.v1, written to the outbox in the caller's transaction:
 * {@code credit.limit.changed} for every limit set or changed, {@code credit.order.decided} for
 * every credit decision.
 */
@ApplicationScoped
public class CreditEvents {

    public static final String TOPIC = "credit.limits.v1";
    public static final String LIMIT_CHANGED = "credit.limit.changed";
    public static final String ORDER_DECIDED = "credit.order.decided";
    public static final String SOURCE = "/limits-service";

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    CreditEvents(Outbox outbox, ObjectMapper mapper, Clock clock) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void limitChanged(CreditLimit limit, BigDecimal previous, String reason, String changedBy) {
        ObjectNode data = mapper.createObjectNode()
                .put("buyerId", limit.buyerId)
                .put("limit", plain(limit.amount, limit.currency))
                .put("currency", limit.currency)
                .put("reason", reason)
                .put("effectiveFrom", limit.validFrom.toString())
                .put("changedBy", changedBy)
                .put("reviewDate", limit.reviewDate.toString());
        if (previous != null) {
            data.put("previousLimit", plain(previous, limit.currency));
        }
        if (limit.limitBasis != null) {
            data.put("limitBasis", limit.limitBasis.name());
        }
        outbox.append(TOPIC, CloudEvent.create(LIMIT_CHANGED, SOURCE, limit.buyerId, clock.instant(), data));
    }

    /**
     * The decision, with limit, exposure and headroom in the order's currency as the contract
     * requires ("currency of all amounts of the event"); when the limit is in another currency
     * they are converted back at the rate the decision used, and limitCurrency and fxRate say so.
     */
    public void orderDecided(CreditDecision d) {
        outbox.append(TOPIC, orderDecidedEvent(d));
    }

    /** The credit.order.decided event of a decision, for callers that write the outbox row themselves. */
    public CloudEvent orderDecidedEvent(CreditDecision d) {
        BigDecimal toOrder = d.fxRate == null || d.fxRate.signum() == 0 ? BigDecimal.ONE : d.fxRate;
        BigDecimal limit = d.limitAmount == null ? BigDecimal.ZERO : d.limitAmount;
        BigDecimal exposure = d.exposure == null ? BigDecimal.ZERO : d.exposure;
        BigDecimal headroom = limit.subtract(exposure);
        int digits = Math.max(0, Currency.getInstance(d.currency).getDefaultFractionDigits());
        ObjectNode data = mapper.createObjectNode()
                .put("buyerId", d.buyerId)
                .put("orderReference", d.orderReference)
                .put("amount", plain(d.amount, d.currency))
                .put("currency", d.currency)
                .put("decision", d.decision.name())
                .put("exposure", plain(exposure.divide(toOrder, toOrder.compareTo(BigDecimal.ONE) == 0 ? 4 : digits, RoundingMode.HALF_UP), d.currency))
                .put("limit", plain(limit.divide(toOrder, toOrder.compareTo(BigDecimal.ONE) == 0 ? 4 : digits, RoundingMode.HALF_UP), d.currency))
                .put("headroom", plain(headroom.divide(toOrder, toOrder.compareTo(BigDecimal.ONE) == 0 ? 4 : digits, RoundingMode.HALF_UP), d.currency))
                .put("decisionId", d.id)
                .put("policyVersion", d.policyVersion);
        ArrayNode reasons = data.putArray("reasonCodes");
        for (String code : CreditCheckService.split(d.reasonCodes)) {
            reasons.add(code);
        }
        if (!d.conditions.isEmpty()) {
            ArrayNode conditions = data.putArray("conditions");
            CreditCheckService.split(d.conditions).forEach(conditions::add);
        }
        if (d.limitCurrency != null && !d.limitCurrency.equals(d.currency)) {
            // without a rate (decision FX_RATE_MISSING) the figures stay in the limit's currency, which limitCurrency names
            data.put("limitCurrency", d.limitCurrency);
            if (d.fxRate != null) {
                data.put("fxRate", d.fxRate.stripTrailingZeros().toPlainString());
            }
        }
        if (d.reservationId != null) {
            data.put("reservationId", d.reservationId);
        }
        if (d.limitBasis != null) {
            data.put("limitBasis", d.limitBasis.name());
        }
        return CloudEvent.create(ORDER_DECIDED, SOURCE, d.buyerId, d.decidedAt, data);
    }

    /** The event as the outbox stores it. */
    public String json(CloudEvent event) {
        return event.toJson(mapper);
    }

    /** An amount at its currency's usual scale, as a plain decimal string. */
    static String plain(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return amount.setScale(Math.min(4, Math.max(digits, amount.stripTrailingZeros().scale())), RoundingMode.HALF_UP).toPlainString();
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
