package io.creditcontrol.scoring.buyer;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.Outbox;
import io.creditcontrol.scoring.messaging.events.BuyerEvents;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.FinancialStatementReported;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.RiskSignalReported;

/**
 * Buyer facts submitted through this service's API are announced on credit.buyers.v1 through the
 * outbox, and this service then takes them in from the topic like those of any other producer.
 * So the buyer's file has one way in, other services learn of the buyer the same way, and a
 * request that is accepted is never half-applied.
 */
@ApplicationScoped
public class BuyerCommands {

    public static final String SOURCE = "/scoring-service/api";

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    BuyerCommands(Outbox outbox, ObjectMapper mapper, Clock clock) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public CloudEvent register(BuyerMasterData data) {
        return announce(BuyerEvents.BUYER_REGISTERED, data.buyerId(), data);
    }

    @Transactional
    public CloudEvent update(BuyerMasterData data) {
        return announce(BuyerEvents.BUYER_UPDATED, data.buyerId(), data);
    }

    @Transactional
    public CloudEvent reportStatement(FinancialStatementReported data) {
        return announce(BuyerEvents.FINANCIAL_STATEMENT_REPORTED, data.buyerId(), data);
    }

    @Transactional
    public CloudEvent reportSignal(RiskSignalReported data) {
        return announce(BuyerEvents.RISK_SIGNAL_REPORTED, data.buyerId(), data);
    }

    /** The event for {@code data}, as it is published (also used by the contract test). */
    public CloudEvent event(String type, String buyerId, Object data) {
        return CloudEvent.create(type, SOURCE, buyerId, clock.instant(), mapper.valueToTree(data));
    }

    private CloudEvent announce(String type, String buyerId, Object data) {
        CloudEvent event = event(type, buyerId, data);
        outbox.append(BuyerEvents.BUYERS_TOPIC, event);
        return event;
    }
}
