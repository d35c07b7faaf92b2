package io.clickstream.consumer.delivery;

import static io.clickstream.consumer.delivery.DeliveryState.AWAITING_COMMIT;
import static io.clickstream.consumer.delivery.DeliveryState.DROPPED;
import static io.clickstream.consumer.delivery.DeliveryState.READY;
import static io.clickstream.consumer.delivery.DeliveryState.RETRY_AT;
import static io.clickstream.consumer.delivery.DeliveryState.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole table of moves: exactly these are legal, every other pair is refused. */
class DeliveryStateTest {
    private static final Set<List<DeliveryState>> LEGAL = Set.of(
            List.of(READY, UPLOADING),
            List.of(UPLOADING, AWAITING_COMMIT),
            List.of(UPLOADING, RETRY_AT),
            List.of(RETRY_AT, UPLOADING),
            List.of(AWAITING_COMMIT, READY),
            List.of(READY, DROPPED),
            List.of(UPLOADING, DROPPED),
            List.of(RETRY_AT, DROPPED),
            List.of(AWAITING_COMMIT, DROPPED));

    @Test
    void exactlyTheDrawnMovesAreLegal() {
        var legal = new ArrayList<List<DeliveryState>>();
        var illegal = new ArrayList<List<DeliveryState>>();
        for (DeliveryState from : DeliveryState.values()) {
            for (DeliveryState to : DeliveryState.values()) {
                (to.mayFollow(from) ? legal : illegal).add(List.of(from, to));
            }
        }

        assertThat(legal).containsExactlyInAnyOrderElementsOf(LEGAL);
        assertThat(illegal).hasSize(DeliveryState.values().length * DeliveryState.values().length - LEGAL.size());
    }

    @Test
    void droppedIsTerminal() {
        for (DeliveryState to : DeliveryState.values()) {
            assertThat(to.mayFollow(DROPPED)).as("DROPPED -> %s", to).isFalse();
        }
    }

    @Test
    void noStateFollowsItself() {
        for (DeliveryState state : DeliveryState.values()) {
            assertThat(state.mayFollow(state)).as("%s -> %s", state, state).isFalse();
        }
    }
}
