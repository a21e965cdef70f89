package io.creditcontrol.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bearer tokens for the local run and the suite tests, without an identity provider.
 *
 * <p>{@link #createKeys} generates an RSA key pair into a directory (deploy/local/run-suite puts it
 * in its data directory, so the key exists only on the machine that runs the suite locally and is
 * never part of a build); the services are pointed at the public half through
 * {@code CREDIT_AUTH_PUBLIC_KEY_LOCATION}. {@link #mint} signs an RS256 JWT carrying the claims a
 * real identity provider would send: issuer, subject, {@code upn}, {@code groups} (the roles),
 * audience, issued-at, expiry and a unique id.
 *
 * <p>Command line (deploy/local/mint-token wraps it):
 * <pre>
 *   DevTokens keys DIR                      create DIR/dev-private-key.pem and DIR/dev-public-key.pem if missing
 *   DevTokens mint DIR ROLE[,ROLE] [USER] [MINUTES]   print a token signed with DIR's private key
 * </pre>
 */
public final class DevTokens {

    /** The issuer the local profile expects (the services' %local.mp.jwt.verify.issuer default). */
    public static final String LOCAL_ISSUER = "https://credit-suite.local/dev";
    /** The audience every service checks by default (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "credit-control-suite";
    public static final String PRIVATE_KEY_FILE = "dev-private-key.pem";
    public static final String PUBLIC_KEY_FILE = "dev-public-key.pem";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey signingKey;
    private final String issuer;

    private DevTokens(PrivateKey signingKey, String issuer) {
        this.signingKey = signingKey;
        this.issuer = issuer;
    }

    /** Tokens signed with the private key in {@code keyDir}, created there first if missing. */
    public static DevTokens fromKeyDirectory(Path keyDir, String issuer) {
        createKeys(keyDir);
        try {
            String pem = Files.readString(keyDir.resolve(PRIVATE_KEY_FILE), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new DevTokens(key, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keyDir.resolve(PRIVATE_KEY_FILE), e);
        }
    }

    /** Writes a new RSA 2048 key pair as PEM files into {@code keyDir} unless one is already there. */
    public static Path createKeys(Path keyDir) {
        Path privateKey = keyDir.resolve(PRIVATE_KEY_FILE);
        Path publicKey = keyDir.resolve(PUBLIC_KEY_FILE);
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return publicKey;
        }
        try {
            Files.createDirectories(keyDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return publicKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key pair", e);
        }
    }

    /** A token for {@code user} holding {@code roles}, valid for {@code validity} from now. */
    public String mint(String user, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        return mint(user, roles, now, now.plus(validity), issuer, AUDIENCE);
    }

    /** A token with every claim chosen by the caller (tests use it for expired or foreign tokens). */
    public String mint(String user, List<String> roles, Instant issuedAt, Instant expiresAt,
            String tokenIssuer, String audience) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = roles.stream().map(DevTokens::json).collect(Collectors.joining(",", "[", "]"));
        String claims = "{\"iss\":" + json(tokenIssuer)
                + ",\"sub\":" + json(user)
                + ",\"upn\":" + json(user)
                + ",\"preferred_username\":" + json(user)
                + ",\"groups\":" + groups
                + ",\"aud\":" + json(audience)
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = base64url(header) + "." + base64url(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("keys")) {
            System.out.println(createKeys(Path.of(args[1])).toAbsolutePath());
        } else if (args.length >= 3 && args[0].equals("mint")) {
            List<String> roles = List.of(args[2].split(","));
            String user = args.length > 3 ? args[3] : "local-" + roles.get(0);
            Duration validity = Duration.ofMinutes(args.length > 4 ? Long.parseLong(args[4]) : 60);
            String issuer = System.getenv().getOrDefault("CREDIT_AUTH_ISSUER", LOCAL_ISSUER);
            System.out.println(fromKeyDirectory(Path.of(args[1]), issuer).mint(user, roles, validity));
        } else {
            System.err.println("usage: DevTokens keys DIR | DevTokens mint DIR ROLE[,ROLE...] [USER] [MINUTES]");
            System.exit(2);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
