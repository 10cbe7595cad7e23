package dev.gradcheck.nets;

import dev.gradcheck.ParameterBlock;
import dev.gradcheck.nets.bugs.Bug;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkTest {

    @Test
    void parametersAreLiveBlocksInDeclaredOrder() {
        Network net = Network.builder().layers(4, 5, 3, 1).build();
        List<ParameterBlock> p = net.parameters();
        assertThat(p).extracting(ParameterBlock::name).containsExactly("W1", "b1", "W2", "b2", "W3", "b3");
        assertThat(p).extracting(ParameterBlock::shape).containsExactly("5×4", "5×1", "3×5", "3×1", "1×3", "1×1");
        double before = net.cost();
        p.get(4).set(0, p.get(4).get(0) + 0.5);
        assertThat(net.W(3).get(0, 0)).isEqualTo(p.get(4).get(0));
        p.get(5).set(0, 0.25);
        assertThat(net.b(3).get(0, 0)).isEqualTo(0.25);
        assertThat(net.cost()).isNotEqualTo(before);
    }

    @Test
    void sameSeedSameNetworkOtherSeedOther() {
        Network a = Network.builder().seed(7).build();
        Network b = Network.builder().seed(7).build();
        Network c = Network.builder().seed(8).build();
        assertThat(a.cost()).isEqualTo(b.cost());
        assertThat(a.W(1).data()).isEqualTo(b.W(1).data());
        assertThat(c.W(1).data()).isNotEqualTo(a.W(1).data());
    }

    @Test
    void costIsDeterministicWithoutDropoutAndRandomWithIt() {
        Network plain = Network.builder().build();
        assertThat(plain.cost()).isEqualTo(plain.cost());
        Network dropout = Network.builder().keepProb(0.5).batch(16).build();
        double first = dropout.cost();
        boolean changed = false;
        for (int i = 0; i < 10 && !changed; i++) {
            changed = dropout.cost() != first;
        }
        assertThat(changed).as("fresh masks per cost()").isTrue();
    }

    @Test
    void frozenMasksMakeTheCostDeterministicUntilUnfrozen() {
        Network net = Network.builder().keepProb(0.5).batch(16).build();
        assertThat(net.freezeMasks()).isTrue();
        double j = net.cost();
        net.gradients();
        assertThat(net.cost()).isEqualTo(j);
        net.unfreezeMasks();
        assertThat(net.masksFrozen()).isFalse();
    }

    @Test
    void forcingKeepProbToOneAndBackKeepsPerLayerValues() {
        Network net = Network.builder().layers(4, 6, 6, 1).keepProbs(0.9, 0.6).batch(16).build();
        assertThat(net.keepProb()).isEqualTo(0.6);
        double atOne = Network.builder().layers(4, 6, 6, 1).batch(16).build().cost();
        net.keepProb(1.0);
        assertThat(net.keepProb()).isEqualTo(1.0);
        assertThat(net.cost()).isEqualTo(atOne);
        net.keepProb(0.6);
        assertThat(net.keepProb(1)).isEqualTo(0.9);
        assertThat(net.keepProb(2)).isEqualTo(0.6);
        net.keepProb(0.5);
        assertThat(net.keepProb(1)).isEqualTo(0.5);
        assertThat(net.keepProb(2)).isEqualTo(0.5);
    }

    @Test
    void keepProbTurnsDropoutOnForANetworkBuiltWithout() {
        Network net = Network.builder().layers(4, 6, 1).batch(16).build();
        net.keepProb(0.5);
        assertThat(net.keepProb(1)).isEqualTo(0.5);
        assertThat(net.keepProb()).isEqualTo(0.5);
    }

    @Test
    void replicaIsIndependent() {
        Network net = Network.builder().lambda(0.3).keepProb(0.7).build();
        net.freezeMasks();
        Network copy = net.replicate();
        assertThat(copy.cost()).isEqualTo(net.cost());
        copy.W(1).data()[0] += 1;
        copy.train(3);
        assertThat(copy.cost()).isNotEqualTo(net.cost());
        assertThat(net.replicate().cost()).isEqualTo(net.cost());
    }

    @Test
    void costMinusPenaltyIsTheDataTerm() {
        Network reg = Network.builder().lambda(0.7).l1(0.2).build();
        Network plain = Network.builder().build();
        assertThat(reg.cost() - reg.regularizationCost()).isCloseTo(plain.cost(), org.assertj.core.api.Assertions
                .within(1e-14));
    }

    @Test
    void trainingLowersTheCost() {
        Network net = Network.builder().layers(4, 8, 1).batch(32).learningRate(0.1).build();
        double before = net.cost();
        net.train(200);
        assertThat(net.cost()).isLessThan(before * 0.8);
    }

    @Test
    void snapshotAndRestore() {
        Network net = Network.builder().build();
        List<double[]> s = net.snapshot();
        double j = net.cost();
        net.train(5);
        net.restore(s);
        assertThat(net.cost()).isEqualTo(j);
    }

    @Test
    void badShapesAreExplained() {
        Dataset data = new Dataset(new Matrix(3, 5), new Matrix(1, 5));
        assertThatThrownBy(() -> Network.builder().layers(4, 5, 1).data(data).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X is 3×5").hasMessageContaining("4×m");
        Dataset twoOut = new Dataset(new Matrix(4, 5), new Matrix(2, 5));
        assertThatThrownBy(() -> Network.builder().layers(4, 5, 1).data(twoOut).build())
                .hasMessageContaining("Y is 2×5").hasMessageContaining("1×m");
        assertThatThrownBy(() -> new Dataset(new Matrix(4, 5), new Matrix(1, 6)))
                .hasMessageContaining("same number of columns");
        assertThatThrownBy(() -> Network.builder().build().predict(new Matrix(3, 2)))
                .hasMessageContaining("X is 3×2").hasMessageContaining("n[0] = 4");
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> Network.builder().layers(4).build()).hasMessageContaining("at least an input");
        assertThatThrownBy(() -> Network.builder().layers(4, 0, 1).build()).hasMessageContaining("≥ 1");
        assertThatThrownBy(() -> Network.builder().loss(Loss.SOFTMAX_CE).layers(4, 3, 1).build())
                .hasMessageContaining("softmax-ce needs at least 2 output units");
        assertThatThrownBy(() -> Network.builder().keepProb(0).build()).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Network.builder().lambda(-1).build()).hasMessageContaining("λ must be");
        assertThatThrownBy(() -> Network.builder().layers(4, 5, 5, 1).keepProbs(0.5).build())
                .hasMessageContaining("one value per hidden layer (2)");
        assertThatThrownBy(() -> Network.builder().batch(0).build()).hasMessageContaining("m must be ≥ 1");
    }

    @Test
    void aBugThatWouldChangeNothingIsRefused() {
        assertThatThrownBy(() -> Network.builder().layers(4, 5, 3, 1).bug(Bug.DW_TRANSPOSED).build())
                .hasMessageContaining("square layer");
        assertThatThrownBy(() -> Network.builder().bug(Bug.DROPOUT_NOT_SCALED).build())
                .hasMessageContaining("needs dropout");
        assertThatThrownBy(() -> Network.builder().bug(Bug.SIGMOID_DERIVATIVE_WRONG).build())
                .hasMessageContaining("sigmoid");
        assertThatThrownBy(() -> Network.builder().batch(1).bug(Bug.DW_MISSING_1_OVER_M).build())
                .hasMessageContaining("m = 1");
        assertThatThrownBy(() -> Network.builder().bug(Bug.L2_GRADIENT_FORGOTTEN).build())
                .hasMessageContaining("λ > 0");
        assertThatThrownBy(() -> Network.builder().layers(4, 1).bug(Bug.ACTIVATION_DERIVATIVE_DROPPED).build())
                .hasMessageContaining("hidden layer");
        assertThatThrownBy(() -> Network.builder().layers(4, 5, 1, 1).bug(Bug.DB_SUMMED_OVER_ALL_AXES).build())
                .hasMessageContaining("at least 2 units in layer 2");
    }

    @Test
    void describeNamesEverySetting() {
        Network net = Network.builder().layers(4, 5, 5, 1).lambda(0.7).keepProb(0.8).batch(3).bug(Bug.DW_TRANSPOSED)
                .build();
        assertThat(net.describe()).isEqualTo("layers 4,5,5,1 · relu · sigmoid-ce · λ 0.7 · keep-prob 0.8 · he · m 3 "
                + "· seed 1 · bug DW_TRANSPOSED in layer 2");
        assertThat(net.bugComponent()).isEqualTo("dW2");
    }
}
