package dev.gradcheck.nets.bugs;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;
import dev.gradcheck.nets.cli.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every catalogue bug is a BUG, found in the component where it starts, with the hint that names it. */
class BugCatalogueTest {

    /** The words the checker's hint on the expected component must contain. */
    static final Map<Bug, String> HINTS = Map.ofEntries(
            entry(Bug.DW_MISSING_1_OVER_M, "1/m is missing"),
            entry(Bug.STRAY_FACTOR_2, "a stray 2"),
            entry(Bug.DB_SUMMED_OVER_ALL_AXES, "wrong"),
            entry(Bug.DB_MISSING_1_OVER_M, "1/m is missing"),
            entry(Bug.RELU_DERIVATIVE_FROM_A, "wrong"),
            entry(Bug.ACTIVATION_DERIVATIVE_DROPPED, "wrong"),
            entry(Bug.SIGMOID_DERIVATIVE_WRONG, "activation derivative"),
            entry(Bug.OUTPUT_DZ_SIGN_FLIPPED, "sign flip"),
            entry(Bug.L2_GRADIENT_FORGOTTEN, "λ/m·W1 is missing"),
            entry(Bug.L2_COST_TERM_MISSING, "cost lacks λ/2m·‖W4‖²"),
            entry(Bug.L1_GRADIENT_FORGOTTEN, "λ/m·sign(W4) is missing"),
            entry(Bug.DROPOUT_MASK_NOT_APPLIED, "wrong"),
            entry(Bug.DROPOUT_NOT_SCALED, "0.80 × the numerical gradient"),
            entry(Bug.DW_TRANSPOSED, "transpose"));

    @Test
    void theCatalogueHasAtLeastTenBugsEachWithAHint() {
        assertThat(Bug.values()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(HINTS).containsOnlyKeys(Bug.values());
    }

    @ParameterizedTest
    @EnumSource(Bug.class)
    void isCaughtAndLocalized(Bug bug) {
        Network net = Settings.forBug(bug).build();
        NetworkCheck.Result result = NetworkCheck.run(net, 1e-7, 0);
        GradCheckReport report = result.decisive();
        String expected = net.bugComponent();
        assertThat(result.verdict()).as("%s", report).isEqualTo(Verdict.BUG);
        assertThat(report.components()).filteredOn(c -> c.verdict() == Verdict.BUG).extracting(ComponentResult::name)
                .as("%s", report).contains(expected);
        ComponentResult c = report.component(expected).orElseThrow();
        assertThat(String.join(" ", c.hints())).as("%s", report).contains(HINTS.get(bug));
    }

    @ParameterizedTest
    @EnumSource(Bug.class)
    void componentsBelowTheBugAreUntouchedAbove(Bug bug) {
        // Backprop runs from layer L down: a bug in layer l can only spoil layers ≤ l, never a layer above it.
        Network net = Settings.forBug(bug).build();
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 0).decisive();
        int layer = bug.layer(net.sizes());
        for (ComponentResult c : report.components()) {
            int l = Integer.parseInt(c.block().substring(1));
            if (l > layer) {
                assertThat(c.verdict()).as("%s above the bug in layer %d%n%s", c.name(), layer, report)
                        .isEqualTo(Verdict.GOOD);
            }
        }
    }

    /**
     * Another seed, with L2 and dropout on, checked at initialization and after 20 steps: at some parameters a bug
     * changes nothing (seed 5 drops exactly the layer-3 units that relu has switched off, so a mask missing from
     * backprop makes no difference at initialization), which is why the check runs again after training.
     */
    @ParameterizedTest
    @EnumSource(Bug.class)
    void isAlsoCaughtWithL2AndDropoutOnAndAnotherSeed(Bug bug) {
        Settings s = Settings.forBug(bug).withLambda(0.7).withKeepProb(0.8).withSeed(5);
        if (bug.needs().contains(Bug.Need.L1)) {
            s = s.withL1(0.1);
        }
        Network net = s.build();
        NetworkCheck.Result result = NetworkCheck.run(net, 1e-7, 20);
        assertThat(result.verdict()).as("%s", result.decisive()).isEqualTo(Verdict.BUG);
        assertThat(result.decisive().components()).filteredOn(c -> c.verdict() == Verdict.BUG)
                .extracting(ComponentResult::name).as("%s", result.decisive()).contains(net.bugComponent());
    }

    @ParameterizedTest
    @EnumSource(value = Bug.class, names = {"DROPOUT_MASK_NOT_APPLIED", "DROPOUT_NOT_SCALED"})
    void dropoutBugsHideAtKeepProbOneAndShowWithFrozenMasks(Bug bug) {
        Network net = Settings.forBug(bug).build();
        net.keepProb(1.0);
        assertThat(GradientCheck.of(net).run().verdict()).as("at keep-prob 1 the mask is all ones")
                .isEqualTo(Verdict.GOOD);
        net.keepProb(0.8);
        GradCheckReport frozen = NetworkCheck.withFrozenMasks(net, 1e-7, 0);
        assertThat(frozen.verdict()).isEqualTo(Verdict.BUG);
        assertThat(frozen.components()).filteredOn(c -> c.verdict() == Verdict.BUG).extracting(ComponentResult::name)
                .contains(net.bugComponent());
    }

    @Test
    void everyBugHasADescriptionAndAFix() {
        for (Bug bug : Bug.values()) {
            assertThat(bug.description()).isNotBlank().doesNotContain("\n");
            assertThat(bug.fix()).isNotBlank().doesNotContain("\n");
            assertThat(Bug.fromName(bug.name().toLowerCase().replace('_', '-'))).isEqualTo(bug);
        }
        assertThatThrownBy(() -> Bug.fromName("NOPE")).hasMessageContaining("DW_TRANSPOSED");
    }
}
