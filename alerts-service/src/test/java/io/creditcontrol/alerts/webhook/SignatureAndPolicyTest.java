package io.creditcontrol.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

/** Signatures against the reference library's own signer, severities, and the SSRF rules without configuration. */
class SignatureAndPolicyTest {

    @Test
    void ourSignatureIsTheOneTheReferenceLibraryComputes() throws Exception {
        String secret = WebhookSignature.newSecret();
        String body = "{\"specversion\":\"1.0\",\"id\":\"e-1\"}";
        long timestamp = 1_795_000_000L;

        String ours = WebhookSignature.header(List.of(secret), "msg_1", timestamp, body);

        assertThat(ours).isEqualTo(new Webhook(secret).sign("msg_1", timestamp, body));
    }

    @Test
    void thePreviousSecretSignsOnlyUntilTheOverlapEnds() {
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.secret = "whsec_new";
        subscription.previousSecret = "whsec_old";
        subscription.previousSecretExpiresAt = Instant.parse("2026-11-25T09:00:00Z");

        assertThat(subscription.signingSecrets(Instant.parse("2026-11-25T08:59:59Z"))).containsExactly("whsec_new", "whsec_old");
        assertThat(subscription.signingSecrets(Instant.parse("2026-11-25T09:00:00Z"))).containsExactly("whsec_new");
    }

    @Test
    void severitiesAreOrderedAndUnknownOnesReachEveryone() {
        assertThat(Severity.reaches("HIGH", Severity.WARNING)).isTrue();
        assertThat(Severity.reaches("warning", Severity.HIGH)).isFalse();
        assertThat(Severity.reaches("CRITICAL", Severity.CRITICAL)).isTrue();
        assertThat(Severity.reaches("BLOCKER", Severity.CRITICAL)).isTrue();
        assertThat(Severity.reaches(null, Severity.CRITICAL)).isTrue();
    }

    @Test
    void eventTypesMatchExactlyOrByPrefix() {
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.eventTypes = "credit.alert.raised,credit.webhook.*";
        assertThat(subscription.wants("credit.alert.raised")).isTrue();
        assertThat(subscription.wants("credit.alert.raised.v2")).isFalse();
        assertThat(subscription.wants("credit.alert.updated")).isFalse();
        assertThat(subscription.wants("credit.webhook.disabled")).isTrue();
    }

    @Test
    void withoutConfigurationOnlyPublicAddressesPass() throws Exception {
        TargetUrlPolicy strict = new TargetUrlPolicy(false, Optional.empty());
        for (String refused : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254", "169.254.1.1",
                "100.100.100.200", "::1", "fe80::1", "fd12::1", "0.0.0.0", "224.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1")) {
            assertThat(strict.refusal(InetAddress.getByName(refused))).as(refused).isNotNull();
        }
        for (String allowed : List.of("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1")) {
            assertThat(strict.refusal(InetAddress.getByName(allowed))).as(allowed).isNull();
        }
        assertThatThrownBy(() -> strict.check("http://localhost:8080/hook")).isInstanceOf(RefusedTargetException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void allowingPrivateTargetsStillRefusesCloudMetadata() throws Exception {
        TargetUrlPolicy lenient = new TargetUrlPolicy(true, Optional.empty());
        assertThat(lenient.refusal(InetAddress.getByName("10.1.2.3"))).isNull();
        assertThat(lenient.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(lenient.refusal(InetAddress.getByName("169.254.169.254"))).contains("metadata");
        assertThat(lenient.refusal(InetAddress.getByName("fd00:ec2::254"))).contains("metadata");
        assertThatThrownBy(() -> lenient.check("http://metadata.google.internal/computeMetadata/v1/")).isInstanceOf(RefusedTargetException.class);
    }

    @Test
    void anAllowedHostIsExemptAndNothingElse() {
        TargetUrlPolicy policy = new TargetUrlPolicy(false, Optional.of(List.of("localhost")));
        assertThat(policy.check("http://localhost:8080/hook").port()).isEqualTo(8080);
        assertThatThrownBy(() -> policy.check("http://127.0.0.1:8080/hook")).isInstanceOf(RefusedTargetException.class);
    }
}
