package io.clickstream.producer.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed population of users. A user is derived from (seed, index) alone, so a population of
 * millions costs no memory and user 42 is the same user in every run with the same seed.
 */
public final class UserPopulation {
    private static final List<String> DESKTOP_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0");
    private static final List<String> MOBILE_AGENTS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36");
    private static final List<String> TABLET_AGENTS = List.of(
            "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");

    private final long seed;
    private final int size;

    public UserPopulation(long seed, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a population needs at least one user: " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public User user(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("user " + index + " of " + size);
        }
        var random = new SplittableRandom(Ids.mix(seed, index + 1L));
        String userId = Ids.uuid(random);
        double d = random.nextDouble();
        String device;
        List<String> agents;
        // about two thirds of shop sessions come from phones, a few percent from tablets
        if (d < 0.30) {
            device = "desktop";
            agents = DESKTOP_AGENTS;
        } else if (d < 0.96) {
            device = "mobile";
            agents = MOBILE_AGENTS;
        } else {
            device = "tablet";
            agents = TABLET_AGENTS;
        }
        String agent = agents.get(random.nextInt(agents.size()));
        return new User(index, userId, device, agent, ipAddress(random));
    }

    /** Public-looking IPv4 for most users, IPv6 from the documentation prefix for one in ten. */
    private static String ipAddress(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            var address = new StringBuilder(39).append("2001:db8");
            for (int group = 0; group < 6; group++) { // as %x: lower-case hex without leading zeros
                address.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
            }
            return address.toString();
        }
        int first;
        do {
            first = 1 + random.nextInt(223);
        } while (first == 10 || first == 127);
        return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
