package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClienteleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TIMEOUT = 1800 * SECOND;
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void everyoneComesForTheFirstTimeUntilSomebodyCanReturn() {
        var clientele = new Clientele(1_000, 0.9, TIMEOUT);
        for (int i = 0; i < 10; i++) {
            assertThat(clientele.arrive(i * SECOND, random)).isEqualTo(i);
        }
        clientele.left(3, 10 * SECOND);
        assertThat(clientele.arrive(11 * SECOND, random)).as("user 3 left a second ago: not back yet").isEqualTo(10);
    }

    @Test
    void aboutTheReturningShareOfSessionsIsByVisitorsWhoLeftMoreThanATimeoutAgo() {
        var clientele = new Clientele(1_000_000, 0.3, TIMEOUT);
        for (int user = 0; user < 1_000; user++) {
            clientele.arrive(0, random);
            clientele.left(user, 0);
        }
        var seen = new HashSet<Integer>();
        int returning = 0;
        int sessions = 100_000;
        for (int i = 0; i < sessions; i++) {
            int user = clientele.arrive(TIMEOUT + SECOND + i, random);
            if (user < 1_000) {
                assertThat(seen.add(user)).as("a returning visitor is on the site once at a time").isTrue();
                returning++;
            }
            if (seen.size() == 1_000) {
                break;
            }
        }
        assertThat(returning).isEqualTo(1_000);
        assertThat(clientele.visitors()).as("first-timers beside the returning ones")
                .isCloseTo(1_000 + (int) (1_000 * 0.7 / 0.3), within(250));
    }

    @Test
    void onceEveryUserHasVisitedAllSessionsAreReturningAndWithNobodyFreeAnArrivalIsTurnedAway() {
        var clientele = new Clientele(3, 0.0, TIMEOUT);
        assertThat(clientele.arrive(0, random)).isZero();
        assertThat(clientele.arrive(0, random)).isEqualTo(1);
        assertThat(clientele.arrive(0, random)).isEqualTo(2);
        assertThat(clientele.arrive(0, random)).as("all three on the site").isEqualTo(-1);
        clientele.left(1, SECOND);
        assertThat(clientele.arrive(TIMEOUT, random)).as("user 1 left exactly a timeout ago").isEqualTo(-1);
        assertThat(clientele.arrive(TIMEOUT + 2 * SECOND, random)).as("returning, though the share is 0").isEqualTo(1);
    }
}
