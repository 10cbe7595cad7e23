package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.Rng;
import dev.gradcheck.nets.Synthetic;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingTest {

    /** A network large for its 30 noisy training examples: it overfits, so the dev error turns back up. */
    static Network overfitting(DataSplit.Split split) {
        return Network.builder().layers(2, 30, 30, 1).data(split.train()).learningRate(0.5).seed(3).build();
    }

    static DataSplit.Split circles() {
        Dataset all = Synthetic.circles(230, 0.1, new Rng(12));
        return DataSplit.split(all, 30.0 / 230, 200.0 / 230, 0, 4);
    }

    @Test
    void returnsTheBestEpochAndLeavesTheNetworkThere() {
        DataSplit.Split split = circles();
        Network net = overfitting(split);
        EarlyStopping.Result r = EarlyStopping.run(net, split.dev(), 3000, 300);
        assertThat(r.devErrors()).hasSize(r.epochsRun() + 1);
        assertThat(r.bestDevError()).isEqualTo(Collections.min(r.devErrors()));
        assertThat(r.devErrors().indexOf(r.bestDevError())).isEqualTo(r.bestEpoch());
        assertThat(net.error(split.dev())).isEqualTo(r.bestDevError());
        assertThat(net.snapshot()).usingRecursiveComparison().isEqualTo(r.bestParameters());
    }

    @Test
    void stopsOncePatienceRunsOut() {
        DataSplit.Split split = circles();
        EarlyStopping.Result r = EarlyStopping.run(overfitting(split), split.dev(), 3000, 300);
        assertThat(r.epochsRun()).as("stopped before the maximum").isLessThan(3000);
        assertThat(r.epochsRun()).isEqualTo(r.bestEpoch() + 300);
        assertThat(r.bestDevError()).isLessThan(r.devErrors().get(0));
        assertThat(r.devErrors().get(r.epochsRun())).isGreaterThan(r.bestDevError());
    }

    @Test
    void badArguments() {
        DataSplit.Split split = circles();
        assertThatThrownBy(() -> EarlyStopping.run(overfitting(split), split.dev(), 10, 0))
                .hasMessageContaining("patience ≥ 1");
    }
}
