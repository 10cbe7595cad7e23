package dev.gradcheck.bench;

import dev.gradcheck.ParameterBlock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlopsTest {

    @Test
    void parameterCountsAreTheIssuesAndTheNetworksOwn() {
        long[] expected = {47, 3_651, 21_210, 109_386};
        for (int i = 0; i < Networks.SIZES.length; i++) {
            int[] n = Networks.parse(Networks.SIZES[i]);
            assertThat(Flops.parameters(n)).as(Networks.SIZES[i]).isEqualTo(expected[i]);
        }
        long fromNetwork = Networks.build("10-100-25-1").parameters().stream().mapToLong(ParameterBlock::size).sum();
        assertThat(fromNetwork).isEqualTo(3_651);
    }

    @Test
    void specsAcceptDashesAndCommas() {
        assertThat(Networks.parse("784-128-64-10")).containsExactly(784, 128, 64, 10);
        assertThat(Networks.parse("784,128,64,10")).containsExactly(784, 128, 64, 10);
        assertThat(Networks.parse("64x128x8192")).containsExactly(64, 128, 8192);
        assertThat(Networks.commas(new int[] {4, 5, 3, 1})).isEqualTo("4,5,3,1");
    }

    @Test
    void plainCheckIsTwoForwardPassesPerParameter() {
        int[] n = {4, 5, 3, 1};
        // One forward pass of 4-5-3-1 on 64 examples: 2·64·(5·4 + 3·5 + 1·3) = 4864 flops.
        assertThat(Flops.forward(n, 64)).isEqualTo(4864);
        assertThat(Flops.plainCheck(n, 64)).isEqualTo(2 * 47 * 4864.0);
    }

    @Test
    void structuredWorkCountedByHandOnATwoLayerNetwork() {
        // 2-3-1, m = 1. Layer 1 (9 entries): 1 (row of Z1) + 2·1·1 (rank-1 into Z2) = 3 flops, both signs: 54.
        // Layer 2 (4 entries): 1 flop each, both signs: 8.
        assertThat(Flops.structuredCheck(new int[] {2, 3, 1}, 1)).isCloseTo(62, within(1e-9));
        for (String spec : Networks.SIZES) {
            int[] n = Networks.parse(spec);
            assertThat(Flops.structuredCheck(n, 64)).as(spec).isLessThan(Flops.plainCheck(n, 64));
        }
    }
}
