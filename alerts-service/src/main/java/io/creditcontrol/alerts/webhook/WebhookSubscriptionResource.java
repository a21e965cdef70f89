package io.creditcontrol.alerts.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Webhook subscriptions, their secrets and their delivery log. Managing subscriptions is the
 * administrator's; the delivery log (status codes, timings, errors) is also open to viewers, who
 * see neither target URLs nor secrets there.
 */
@Path("/api/v1/webhook-subscriptions")
@Tag(name = "Webhooks", description = "Signed delivery of alert events to receivers (Standard Webhooks)")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSubscriptionResource {

    static final String ADMIN = "admin";
    static final String VIEWER = "viewer";
    static final int MAX_PAGE_SIZE = 200;

    private final WebhookSubscriptions subscriptions;
    private final TargetUrlPolicy targets;
    private final SecurityIdentity identity;

    WebhookSubscriptionResource(WebhookSubscriptions subscriptions, TargetUrlPolicy targets, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a receiver; the answer carries the signing secret, shown this once")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionRequest.class)))
    public Response create(JsonNode body) {
        WebhookSubscription subscription = subscriptions.create(SubscriptionRequest.read(body, targets), identity.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/webhook-subscriptions/" + subscription.id))
                .entity(SubscriptionView.withSecret(subscription)).build();
    }

    @GET
    @RolesAllowed(ADMIN)
    @Operation(summary = "All subscriptions, oldest first (no secrets)")
    public List<SubscriptionView> list(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        checkPage(page, size);
        return subscriptions.list(page, size).stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(ADMIN)
    @Operation(summary = "One subscription, its state and whether its endpoint is failing (no secret)")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.get(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change target, event types, minimum severity or description; the secret stays")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionRequest.class)))
    public SubscriptionView update(@PathParam("id") String id, JsonNode body) {
        return SubscriptionView.of(subscriptions.update(id, SubscriptionRequest.read(body, targets)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Unsubscribe; its queued deliveries and log go with it")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Replace the secret; the answer carries the new one, shown this once",
            description = "Until previousSecretValidUntil every delivery carries two signatures, one per secret, so the "
                    + "receiver can switch to the new secret without rejecting a message.")
    public SubscriptionView rotateSecret(@PathParam("id") String id) {
        return SubscriptionView.withSecret(subscriptions.rotateSecret(id));
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Put a disabled subscription back in service (deliveries failed meanwhile can be replayed)")
    public SubscriptionView enable(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.enable(id));
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({ADMIN, VIEWER})
    @Operation(summary = "Delivery log: newest first, each delivery with every attempt (time, status code, latency, error, next attempt)")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        checkPage(page, size);
        WebhookDelivery.Status wanted = null;
        if (status != null) {
            try {
                wanted = WebhookDelivery.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new WebhookProblem.InvalidRequestException(List.of(new WebhookProblem.Violation("status", "must be PENDING, DELIVERED or FAILED")));
            }
        }
        List<WebhookDelivery> deliveries = subscriptions.deliveries(id, wanted, page, size);
        Map<String, List<DeliveryAttempt>> attempts = subscriptions.attempts(deliveries.stream().map(d -> d.id).toList());
        return deliveries.stream().map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id, List.of()))).toList();
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    @RolesAllowed({ADMIN, VIEWER})
    @Operation(summary = "One delivery and every attempt")
    public DeliveryView delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return DeliveryView.of(subscriptions.delivery(id, deliveryId), subscriptions.attempts(deliveryId));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Send a failed delivery again: same webhook-id and body, new attempts from now")
    public Response replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        WebhookDelivery delivery = subscriptions.replay(id, deliveryId);
        return Response.accepted(DeliveryView.of(delivery, subscriptions.attempts(deliveryId))).build();
    }

    private static void checkPage(int page, int size) {
        List<WebhookProblem.Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new WebhookProblem.Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new WebhookProblem.Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new WebhookProblem.InvalidRequestException(violations);
        }
    }

    @Schema(name = "WebhookSubscription")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(
            @Schema(examples = "whsub_5f0c6c3e9b7a4d0f8c1e2a3b4c5d6e7f") String id,
            @Schema(examples = "https://hooks.example.com/credit-alerts") String url,
            List<String> eventTypes,
            @Schema(examples = "HIGH") String minSeverity,
            String description,
            @Schema(examples = "ACTIVE", enumeration = {"ACTIVE", "DISABLED"}) String status,
            @Schema(description = "Only in the answer to create and rotate-secret: keep it, it is never shown again",
                    examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            @Schema(description = "While set, deliveries carry a second signature made with the previous secret") Instant previousSecretValidUntil,
            @Schema(description = "First failed attempt since the endpoint last accepted a delivery") Instant failingSince,
            String lastFailure,
            Instant disabledAt,
            String disabledReason,
            Instant createdAt,
            String createdBy,
            Instant updatedAt) {

        static SubscriptionView of(WebhookSubscription s) {
            return view(s, null);
        }

        static SubscriptionView withSecret(WebhookSubscription s) {
            return view(s, s.secret);
        }

        private static SubscriptionView view(WebhookSubscription s, String secret) {
            Instant overlap = s.previousSecret != null && s.previousSecretExpiresAt != null ? s.previousSecretExpiresAt : null;
            return new SubscriptionView(s.id, s.targetUrl, s.eventTypeList(), s.minSeverity.name(), s.description, s.status.name(), secret,
                    overlap, s.failingSince, s.lastFailure, s.disabledAt, s.disabledReason, s.createdAt, s.createdBy, s.updatedAt);
        }
    }

    @Schema(name = "WebhookDelivery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            @Schema(description = "The webhook-id header, the same on every attempt", examples = "msg_8a1f0c2b3d4e5f60718293a4b5c6d7e8") String id,
            String subscriptionId,
            @Schema(description = "The CloudEvent delivered") String eventId,
            @Schema(examples = "credit.alert.raised") String eventType,
            @Schema(examples = "PENDING", enumeration = {"PENDING", "DELIVERED", "FAILED"}) String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            String lastError,
            List<AttemptView> attemptLog) {

        static DeliveryView of(WebhookDelivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryView(d.id, d.subscriptionId, d.eventId, d.eventType, d.status.name(), d.attempts, d.createdAt,
                    d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null, d.deliveredAt, d.lastError,
                    attempts.stream().map(AttemptView::of).toList());
        }
    }

    @Schema(name = "WebhookDeliveryAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(
            int attempt,
            Instant attemptedAt,
            @Schema(description = "The webhook-timestamp header sent (epoch seconds)") long webhookTimestamp,
            @Schema(description = "Absent when there was no answer (timeout, connection refused)", examples = "503") Integer statusCode,
            long latencyMillis,
            @Schema(examples = "retry", enumeration = {"delivered", "retry", "failed", "disabled"}) String outcome,
            String error,
            @Schema(description = "The start of what the receiver answered") String response,
            @Schema(description = "When this attempt was followed by a retry") Instant nextAttemptAt) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attemptNumber, a.attemptedAt, a.webhookTimestamp, a.statusCode, a.latencyMs, a.outcome, a.error,
                    a.responseBody, a.nextAttemptAt);
        }
    }
}
