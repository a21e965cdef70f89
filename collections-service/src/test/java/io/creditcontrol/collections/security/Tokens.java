package io.creditcontrol.collections.security;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Real signed bearer tokens for the tests, with the test key in src/test/resources/test-auth. */
public final class Tokens {

    public static final String ISSUER = "https://tests.creditcontrol.invalid";
    public static final String AUDIENCE = "credit-control-suite";

    private Tokens() {
    }

    public static String of(String user, String... roles) {
        return claims(user, roles).sign();
    }

    public static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.upn(user).groups(Set.of(roles)).issuer(ISSUER).audience(AUDIENCE).expiresAt(Instant.now().plusSeconds(600));
    }

    /** Signed with a key the service does not know. */
    public static String withForeignKey(String user, String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey foreign = generator.generateKeyPair().getPrivate();
            return claims(user, role).sign(foreign);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
