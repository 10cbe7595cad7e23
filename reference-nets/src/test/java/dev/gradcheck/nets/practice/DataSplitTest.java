package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Matrix;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSplitTest {

    /** m examples whose single feature is the example's index, so the split can be traced. */
    static Dataset indexed(int m) {
        Matrix x = new Matrix(1, m);
        Matrix y = new Matrix(1, m);
        for (int j = 0; j < m; j++) {
            x.set(0, j, j);
            y.set(0, j, j % 2);
        }
        return new Dataset(x, y);
    }

    static Set<Integer> ids(Dataset d) {
        Set<Integer> s = new HashSet<>();
        for (int j = 0; j < d.m(); j++) {
            s.add((int) d.X().get(0, j));
            assertThat(d.Y().get(0, j)).isEqualTo((int) d.X().get(0, j) % 2);
        }
        return s;
    }

    @Test
    void sixtyTwentyTwenty() {
        DataSplit.Split s = DataSplit.split(indexed(100), 0.6, 0.2, 0.2, 1);
        assertThat(s.train().m()).isEqualTo(60);
        assertThat(s.dev().m()).isEqualTo(20);
        assertThat(s.test().m()).isEqualTo(20);
        Set<Integer> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.dev()));
        all.addAll(ids(s.test()));
        assertThat(all).hasSize(100);
    }

    @Test
    void ninetyEightOneOneOnBigData() {
        DataSplit.Split s = DataSplit.split(indexed(10_000), 0.98, 0.01, 0.01, 1);
        assertThat(s.train().m()).isEqualTo(9800);
        assertThat(s.dev().m()).isEqualTo(100);
        assertThat(s.test().m()).isEqualTo(100);
    }

    @Test
    void theSeedDecidesTheShuffle() {
        Dataset d = indexed(50);
        assertThat(ids(DataSplit.split(d, 0.6, 0.2, 0.2, 3).dev()))
                .isEqualTo(ids(DataSplit.split(d, 0.6, 0.2, 0.2, 3).dev()))
                .isNotEqualTo(ids(DataSplit.split(d, 0.6, 0.2, 0.2, 4).dev()));
    }

    @Test
    void noTestSet() {
        DataSplit.Split s = DataSplit.split(indexed(10), 0.7, 0.3, 0, 1);
        assertThat(s.test()).isNull();
        assertThat(s.train().m() + s.dev().m()).isEqualTo(10);
    }

    @Test
    void badRatiosAreRefused() {
        assertThatThrownBy(() -> DataSplit.split(indexed(10), 0.6, 0.2, 0.1, 1)).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> DataSplit.split(indexed(10), 1.2, -0.2, 0, 1)).hasMessageContaining("dev ≥ 0");
        assertThatThrownBy(() -> DataSplit.split(indexed(1), 0.1, 0.9, 0, 1)).hasMessageContaining("none for training");
    }
}
