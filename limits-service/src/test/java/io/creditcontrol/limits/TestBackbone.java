package io.creditcontrol.limits;

import io.creditcontrol.localkafka.KafkaBrokerResource;
import io.creditcontrol.localkafka.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this service runs against a real KRaft broker and the real PostgreSQL
 * (database limits_test, created when missing; PG* variables say where).
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "limits_test"))
public final class TestBackbone {

    private TestBackbone() {
    }
}
