package io.creditcontrol.collections;

import io.creditcontrol.localkafka.KafkaBrokerResource;
import io.creditcontrol.localkafka.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this service runs against a real KRaft broker and the real PostgreSQL
 * (database collections_test, created when missing; PG* variables say where), and an SMTP
 * server in the test JVM (GreenMail) that receives the letters.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "collections_test"))
public final class TestBackbone {

    private TestBackbone() {
    }
}
