package io.clickstream.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.common.validation.IpAddresses;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class UserPopulationTest {

    @Test
    void aUserIsTheSameInEveryPopulationWithTheSameSeed() {
        assertThat(new UserPopulation(7, 1000).user(123)).isEqualTo(new UserPopulation(7, 1000).user(123));
        assertThat(new UserPopulation(8, 1000).user(123)).isNotEqualTo(new UserPopulation(7, 1000).user(123));
    }

    @Test
    void usersHaveDistinctIdsAndValidIpAddresses() {
        var population = new UserPopulation(1, 20_000);
        var ids = new HashSet<String>();
        int ipv6 = 0;
        for (int i = 0; i < population.size(); i++) {
            User user = population.user(i);
            assertThat(ids.add(user.userId())).isTrue();
            assertThat(IpAddresses.normalize(user.ipAddress())).as(user.ipAddress()).contains(user.ipAddress());
            assertThat(user.device()).isIn("desktop", "mobile", "tablet");
            assertThat(user.userAgent()).startsWith("Mozilla/5.0");
            if (user.ipAddress().contains(":")) {
                ipv6++;
            }
        }
        assertThat(ipv6).isBetween(1_500, 2_500); // one in ten
    }
}
