package dev.gradcheck.nets.bugs;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.PhaseResult;
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
            entry(Bug.DB_SUMMED_OVER_ALL_AXES, "over every example and unit"),
            entry(Bug.DB_MISSING_1_OVER_M, "1/m is missing"),
            entry(Bug.RELU_DERIVATIVE_FROM_A, "relu'(z) taken from A instead of Z"),
            entry(Bug.ACTIVATION_DERIVATIVE_DROPPED, "g'(Z1) left out"),
            entry(Bug.SIGMOID_DERIVATIVE_WRONG, "σ'(z) taken as σ(z)"),
            entry(Bug.OUTPUT_DZ_SIGN_FLIPPED, "sign flip"),
            entry(Bug.L2_GRADIENT_FORGOTTEN, "λ/m·W1 is missing"),
            entry(Bug.L2_COST_TERM_MISSING, "cost lacks λ/2m·‖W4‖²"),
            entry(Bug.L1_GRADIENT_FORGOTTEN, "λ/m·sign(W4) is missing"),
            entry(Bug.DROPOUT_MASK_NOT_APPLIED, "mask D3 not applied"),
            entry(Bug.DROPOUT_NOT_SCALED, "0.80 × the numerical gradient in all 20 judged entries: a constant factor equal to keep-prob 0.80"),
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
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 0);
        String expected = net.bugComponent();
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.BUG);
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
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 0);
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
        Settings s = Settings.forBug(bug).with(e -> {
            e.lambda = 0.7;
            e.keepProb = 0.8;
            e.seed = 5;
        });
        if (bug.needs().contains(Bug.Need.L1)) {
            s = s.with(e -> e.l1 = 0.1);
        }
        Network net = s.build();
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 20);
        assertThat(report.verdict()).as("%s", report).isEqualTo(Verdict.BUG);
        assertThat(report.components()).filteredOn(c -> c.verdict() == Verdict.BUG)
                .extracting(ComponentResult::name).as("%s", report).contains(net.bugComponent());
    }

    /**
     * At keep-prob 1 the mask is all ones, so a dropout bug changes nothing; the core's frozen-dropout phases (masks
     * frozen at the configured keep-prob, at initialization and after training) are where it shows. In the one report
     * {@link NetworkCheck#run} returns, the dropout-off phases are GOOD and exactly the frozen-dropout phases are BUG.
     */
    @ParameterizedTest
    @EnumSource(value = Bug.class, names = {"DROPOUT_MASK_NOT_APPLIED", "DROPOUT_NOT_SCALED"})
    void dropoutBugsHideAtKeepProbOneAndShowWithFrozenMasks(Bug bug) {
        Network net = Settings.forBug(bug).build();
        net.keepProb(1.0);
        assertThat(GradientCheck.of(net).run().verdict()).as("at keep-prob 1 the mask is all ones")
                .isEqualTo(Verdict.GOOD);
        net.keepProb(0.8);
        GradCheckReport report = NetworkCheck.run(net, 1e-7, 5);
        assertThat(report.phases()).extracting(p -> p.phase().label()).as("%s", report).containsExactly("init",
                "init, dropout 0.8 frozen", "after 5 steps", "after 5 steps, dropout 0.8 frozen");
        for (PhaseResult p : report.phases()) {
            Verdict expected = p.phase().keepProb() < 1 ? Verdict.BUG : Verdict.GOOD;
            assertThat(p.verdict()).as("[%s]%n%s", p.phase().label(), report).isEqualTo(expected);
            if (p.phase().keepProb() < 1) {
                assertThat(p.phase().keepProb()).isEqualTo(0.8);
                assertThat(p.components()).filteredOn(c -> c.verdict() == Verdict.BUG)
                        .extracting(ComponentResult::name).as("[%s]%n%s", p.phase().label(), report)
                        .contains(net.bugComponent());
            }
        }
        assertThat(report.verdict()).isEqualTo(Verdict.BUG);
        assertThat(report.phase().isFrozenDropout()).as("the worst phase is a frozen-dropout one").isTrue();
        assertThat(net.keepProb()).as("keep-prob restored").isEqualTo(0.8);
        assertThat(net.masksFrozen()).as("masks unfrozen after the check").isFalse();
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
