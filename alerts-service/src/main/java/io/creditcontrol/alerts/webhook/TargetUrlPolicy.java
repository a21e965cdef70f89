package io.creditcontrol.alerts.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps webhooks from being turned against the service's own network (SSRF): a target must be
 * http(s), and every address its host resolves to must be public. Private (10/8, 172.16/12,
 * 192.168/16, 100.64/10), loopback, link-local (169.254/16, fe80::/10), unique-local (fc00::/7),
 * unspecified, multicast and reserved addresses are refused unless configuration allows them;
 * cloud metadata endpoints are refused even then, unless their host is listed by name in
 * {@code credit.webhooks.allowed-hosts}. Checked when a subscription is saved and again before
 * every attempt, and the attempt connects to the very address that was checked, so a DNS answer
 * that changes in between (rebinding) cannot redirect it.
 */
@ApplicationScoped
public class TargetUrlPolicy {

    /** AWS/GCP/Azure/OpenStack (169.254.169.254), AWS IPv6 (fd00:ec2::254), Alibaba (100.100.100.200), Oracle (192.0.0.192). */
    private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "192.0.0.192");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    private final boolean allowPrivateTargets;
    private final Set<String> allowedHosts;

    TargetUrlPolicy(@ConfigProperty(name = "credit.webhooks.allow-private-targets", defaultValue = "false") boolean allowPrivateTargets,
            @ConfigProperty(name = "credit.webhooks.allowed-hosts") Optional<List<String>> allowedHosts) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.allowedHosts = allowedHosts.orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** A URL that passed the check, with the address to connect to. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    /** Checks a URL's form only (scheme, host, no credentials); throws {@link RefusedTargetException}. */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedTargetException("is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RefusedTargetException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTargetException("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTargetException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTargetException("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTargetException("must not have a fragment");
        }
        return uri;
    }

    /** Parses and resolves the URL and checks every address; returns the first address to connect to. */
    public Target check(String url) {
        URI uri = parse(url);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException e) {
            throw new UnresolvableHostException("host " + bareHost + " cannot be resolved");
        }
        if (!allowedHosts.contains(host) && !allowedHosts.contains(bareHost)) {
            if (METADATA_HOSTS.contains(bareHost)) {
                throw new RefusedTargetException("host " + bareHost + " is a cloud metadata endpoint");
            }
            for (InetAddress address : addresses) {
                String why = refusal(address);
                if (why != null) {
                    throw new RefusedTargetException("host " + bareHost + " resolves to " + address.getHostAddress() + ", " + why);
                }
            }
        }
        return new Target(uri, bareHost, port, https, addresses[0]);
    }

    /** Why an address may not be a webhook target, or null when it may. */
    String refusal(InetAddress address) {
        if (METADATA_ADDRESSES.contains(address.getHostAddress())) {
            return "a cloud metadata address";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || isReserved(address)) {
            return "an unspecified, multicast or reserved address";
        }
        boolean internal = address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || isUniqueLocal(address) || isSharedAddressSpace(address);
        if (internal && !allowPrivateTargets) {
            return "a private, loopback or link-local address (set credit.webhooks.allow-private-targets or credit.webhooks.allowed-hosts to allow it)";
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT: inside someone's network, not the internet. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    /** 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15 and 240.0.0.0/4 (reserved, broadcast). */
    private static boolean isReserved(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19));
    }
}
