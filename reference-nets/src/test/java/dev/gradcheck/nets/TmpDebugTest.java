package dev.gradcheck.nets;

import dev.gradcheck.LayerFacts;
import dev.gradcheck.nets.bugs.Bug;
import dev.gradcheck.nets.cli.Settings;
import org.junit.jupiter.api.Test;

class TmpDebugTest {
    @Test
    void debug() {
        Network ok = Settings.forBug(Bug.DROPOUT_MASK_NOT_APPLIED).with(e -> e.bug = null).build();
        ok.freezeMasks();
        double[] dW3 = ok.gradients().get("W3");
        double[] db3 = ok.gradients().get("b3");
        LayerFacts f = ok.layerFacts().get(2);
        System.out.println(java.util.Arrays.toString(dW3));
        System.out.println(java.util.Arrays.toString(db3));
        System.out.println(java.util.Arrays.toString(f.mask()));
        System.out.println(java.util.Arrays.toString(ok.layerFacts().get(1).mask()));
    }
}
